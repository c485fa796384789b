package ai.rememberizer.auth.verification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCodeException;
import ai.rememberizer.auth.problem.ProblemCode;

/**
 * One-time codes mailed to an address: 6 digits from {@link SecureRandom}, stored only as an
 * HMAC, single use, valid {@code auth.verification.code-ttl}, burned after
 * {@code auth.verification.max-attempts} wrong guesses. A new code replaces the previous one.
 * Every method joins the caller's transaction; a refusal leaves it to the caller whether the
 * counted attempt commits (it must).
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = AuthException.class)
public class VerificationCodes {

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig.Verification config;
    private final DataKeys keys;

    VerificationCodes(AuthConfig config, DataKeys keys) {
        this.config = config.verification();
        this.keys = keys;
    }

    /** A code for the mail, and when it stops working. */
    public record Issued(String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[***]";
        }
    }

    /** Makes a new code for an account, replacing any previous one, and returns it for the mail. */
    public Issued issue(UUID userId) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = Instant.now();
        VerificationCode row = VerificationCode.<VerificationCode> findByIdOptional(userId).orElseGet(VerificationCode::new);
        boolean isNew = row.userId == null;
        row.userId = userId;
        row.codeHash = keys.codeHash(userId, code);
        row.createdAt = now;
        row.expiresAt = now.plus(config.codeTtl());
        row.attempts = 0;
        if (isNew) {
            row.persist();
        }
        return new Issued(code, row.expiresAt);
    }

    /**
     * Checks a code and uses it up. A wrong guess is counted before the refusal; the last
     * allowed wrong guess still says {@code invalid_code}, every attempt after it
     * {@code too_many_attempts}, the right code included.
     */
    public void consume(UUID userId, String code) {
        int maxAttempts = config.maxAttempts();
        VerificationCode row = VerificationCode.findForUpdate(userId)
                .orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED));
        if (row.attempts >= maxAttempts) {
            throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS);
        }
        if (!Instant.now().isBefore(row.expiresAt)) {
            throw new AuthException(ProblemCode.CODE_EXPIRED);
        }
        if (!DataKeys.sameHash(row.codeHash, keys.codeHash(userId, code))) {
            row.attempts++;
            throw new InvalidCodeException(maxAttempts - row.attempts);
        }
        row.delete();
    }
}
