package ai.rememberizer.auth.support;

import java.time.Instant;

import org.bouncycastle.util.encoders.Base32;

import ai.rememberizer.auth.crypto.Totp;

/**
 * An authenticator app, as a user has one: it reads the Base32 secret of an enrolment and
 * shows the code of a time step (RFC 6238, SHA-1, 6 digits, 30 s).
 */
public final class Authenticator {

    private final byte[] secret;

    public Authenticator(String base32Secret) {
        this.secret = Base32.decode(base32Secret);
    }

    public static long stepNow() {
        return Instant.now().getEpochSecond() / Totp.STEP_SECONDS;
    }

    /** The code of the current step, {@code offset} steps ahead (or back, when negative). */
    public String code(int offset) {
        return Totp.format(Totp.hotp(secret, stepNow() + offset, Totp.DIGITS, "HmacSHA1"), Totp.DIGITS);
    }

    /**
     * Waits, if the current step has less than 10 s left, for the next one: a test that uses
     * codes a given number of steps away from "now" must not have the service's clock cross a
     * step boundary between the code and its check.
     */
    public static void awaitFreshStep() {
        long intoStep = Instant.now().getEpochSecond() % Totp.STEP_SECONDS;
        if (intoStep >= Totp.STEP_SECONDS - 10) {
            try {
                Thread.sleep((Totp.STEP_SECONDS - intoStep) * 1000L + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
