package ai.rememberizer.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.bouncycastle.util.encoders.Base32;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.crypto.Totp;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCodeException;
import ai.rememberizer.auth.problem.ProblemCode;

/**
 * Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way):
 * enrolment with a 160-bit secret, its confirmation by a first code, and the check of a code
 * at the second step, each code accepted once. Every method joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = AuthException.class)
public class Authenticators {

    private static final int SECRET_BYTES = 20;

    private final DataKeys keys;
    private final AuthConfig config;
    private final Totp totp;
    private final SecureRandom random = new SecureRandom();

    @Inject
    Authenticators(DataKeys keys, AuthConfig config) {
        this(keys, config, Clock.systemUTC());
    }

    Authenticators(DataKeys keys, AuthConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.totp = new Totp(clock);
    }

    /** A pending enrolment: the secret in Base32, the URI an authenticator app scans, and its end. */
    public record Enrolment(String secret, String otpauthUri, Instant expiresAt) {
        @Override
        public String toString() {
            return "Enrolment[expiresAt=" + expiresAt + "]";
        }
    }

    /** Whether the account has a confirmed authenticator, and since when. */
    public Optional<Instant> enabledSince(UUID userId) {
        return TotpFactor.enabledOf(userId).map(factor -> factor.confirmedAt);
    }

    /**
     * Starts an enrolment, replacing a pending one.
     *
     * @throws AuthException {@code totp_already_enabled}
     */
    public Enrolment begin(UUID userId, String accountName) {
        Optional<TotpFactor> existing = TotpFactor.lock(userId);
        if (existing.filter(TotpFactor::enabled).isPresent()) {
            throw new AuthException(ProblemCode.TOTP_ALREADY_ENABLED);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        Instant now = Instant.now();
        TotpFactor factor = existing.orElseGet(TotpFactor::new);
        factor.secretSealed = keys.sealFactor(secret, userId.toString());
        factor.createdAt = now;
        factor.pendingUntil = now.plus(config.mfa().enrolmentTtl());
        factor.failedConfirmations = 0;
        factor.lastStep = null;
        if (existing.isEmpty()) {
            factor.userId = userId;
            factor.persist();
        }
        String base32 = new String(Base32.encode(secret), StandardCharsets.US_ASCII);
        return new Enrolment(base32, uri(config.mfa().issuer(), accountName, base32), factor.pendingUntil);
    }

    /** {@code otpauth://totp/Issuer:account?secret=...&issuer=...}, as Google's Key URI format writes it. */
    static String uri(String issuer, String account, String base32) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Confirms a pending enrolment with its first code, which is then the last accepted. A
     * wrong code counts (commit the refusal); after {@code auth.verification.max-attempts}
     * the enrolment must start again.
     *
     * @throws AuthException {@code code_expired} (none pending, or too late), {@code invalid_code},
     *         {@code too_many_attempts}, {@code totp_already_enabled}
     */
    public void confirm(UUID userId, String code) {
        TotpFactor factor = TotpFactor.lock(userId).orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED,
                "No authenticator is waiting for its first code; start again."));
        if (factor.enabled()) {
            throw new AuthException(ProblemCode.TOTP_ALREADY_ENABLED);
        }
        if (!Instant.now().isBefore(factor.pendingUntil)) {
            throw new AuthException(ProblemCode.CODE_EXPIRED, "The enrolment has expired; start again.");
        }
        int maxAttempts = config.verification().maxAttempts();
        if (factor.failedConfirmations >= maxAttempts) {
            throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS, "Too many wrong codes; start the enrolment again.");
        }
        OptionalLong step = secret(factor).map(secret -> totp.matchingStep(secret, code)).orElse(OptionalLong.empty());
        if (step.isEmpty()) {
            factor.failedConfirmations++;
            throw new InvalidCodeException(maxAttempts - factor.failedConfirmations);
        }
        factor.confirmedAt = Instant.now();
        factor.pendingUntil = null;
        factor.lastStep = step.getAsLong();
    }

    /**
     * Accepts a code of the account's authenticator once: its step must be later than the
     * last one accepted. A replayed code, or one of an earlier step, is as wrong as any other.
     */
    public boolean accept(UUID userId, String code) {
        Optional<TotpFactor> factor = TotpFactor.enabledOf(userId);
        if (factor.isEmpty()) {
            return false;
        }
        OptionalLong step = secret(factor.get()).map(secret -> totp.matchingStep(secret, code)).orElse(OptionalLong.empty());
        return step.isPresent() && TotpFactor.acceptStep(userId, step.getAsLong());
    }

    /** Removes the account's authenticator, pending or not; true if there was one. */
    public boolean remove(UUID userId) {
        return TotpFactor.delete("userId", userId) > 0;
    }

    private Optional<byte[]> secret(TotpFactor factor) {
        try {
            return Optional.of(keys.openFactor(factor.secretSealed, factor.userId.toString()));
        } catch (GeneralSecurityException e) {
            // Sealed under another AUTH_DATA_SECRET: no code can match (nor can a recovery code,
            // whose HMAC key comes from the same secret). docs/SECURITY.md: never change it.
            return Optional.empty();
        }
    }
}
