package ai.rememberizer.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), on the JDK's {@link Mac}: the
 * form every authenticator app speaks (HMAC-SHA-1, 6 digits, 30-second steps). The clock is
 * injected, so tests can stand at any instant. The second factor of issue 21 stands on it:
 * {@link #matchingStep} says which step a code belongs to, within one step of drift either way,
 * so that the caller can refuse a step at or before the last one it accepted (no replay).
 */
public final class Totp {

    /** Seconds per step, as every authenticator app counts them. */
    public static final int STEP_SECONDS = 30;
    /** Digits of a code, as every authenticator app shows them. */
    public static final int DIGITS = 6;
    /** Steps of clock drift accepted on either side of the current one. */
    public static final int DRIFT_STEPS = 1;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    /** The current time step: seconds since the epoch over {@value #STEP_SECONDS}. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The step within {@value #DRIFT_STEPS} of the current one whose code this is, if any. Every
     * candidate is computed and compared in constant time, so the answer's timing says nothing
     * of which step matched; anything but {@value #DIGITS} ASCII digits matches none.
     */
    public OptionalLong matchingStep(byte[] secret, String code) {
        boolean wellFormed = code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
        byte[] presented = (wellFormed ? code : "-".repeat(DIGITS)).getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matched = Long.MIN_VALUE;
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            byte[] expected = format(hotp(secret, step, DIGITS, "HmacSHA1"), DIGITS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented) && wellFormed) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * HOTP (RFC 4226, section 5.3): the HMAC of the counter as 8 big-endian bytes, dynamically
     * truncated to 31 bits, reduced to {@code digits} decimal digits (1 to 8).
     */
    public static int hotp(byte[] secret, long counter, int digits, String macAlgorithm) {
        if (digits < 1 || digits > 8) {
            throw new IllegalArgumentException("digits must be 1 to 8");
        }
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret, macAlgorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return binary % POWERS[digits];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " is not available", e);
        }
    }

    /** A code as an authenticator shows it: {@code digits} digits, leading zeros kept. */
    public static String format(int code, int digits) {
        String digitsOnly = Integer.toString(code);
        return "0".repeat(Math.max(0, digits - digitsOnly.length())) + digitsOnly;
    }
}
