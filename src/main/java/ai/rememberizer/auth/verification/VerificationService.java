package ai.rememberizer.auth.verification;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.account.User;
import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.mail.MailOutbox;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.AccessTokenIssuer;
import ai.rememberizer.auth.session.Session;

/**
 * E-mail verification: 6-digit codes from {@link SecureRandom}, stored as HMACs, single
 * use, valid {@code auth.verification.code-ttl}, burned after
 * {@code auth.verification.max-attempts} wrong guesses. Each code mail goes through the
 * outbox, in the transaction that made the code.
 */
@ApplicationScoped
public class VerificationService {

    private static final Pattern CODE_FORMAT = Pattern.compile("[0-9]{6}");

    private final SecureRandom random = new SecureRandom();
    private final AuthConfig config;
    private final DataKeys keys;
    private final RateLimiter limiter;
    private final MailOutbox outbox;
    private final AccessTokenIssuer accessTokens;
    private final AuditLog audit;

    VerificationService(AuthConfig config, DataKeys keys, RateLimiter limiter, MailOutbox outbox, AccessTokenIssuer accessTokens,
            AuditLog audit) {
        this.audit = audit;
        this.config = config;
        this.keys = keys;
        this.limiter = limiter;
        this.outbox = outbox;
        this.accessTokens = accessTokens;
    }

    /** What a successful verification gives back: a fresh access token that says so. */
    public record Verified(String accessToken, Duration accessTtl) {
        @Override
        public String toString() {
            return "Verified[***]";
        }
    }

    /**
     * Makes a new code (invalidating the previous one) and queues its mail, in the caller's
     * transaction, within the per-account mail limits (the sign-up mail counts too).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void issueCode(User user) {
        AuthConfig.Limits limits = config.limits();
        limiter.hit("code-mail-interval:" + user.id, 1, limits.codeMailInterval());
        limiter.hit("code-mail-hour:" + user.id, limits.codeMailsPerHour(), Duration.ofHours(1));
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = Instant.now();
        VerificationCode row = VerificationCode.<VerificationCode> findByIdOptional(user.id).orElseGet(VerificationCode::new);
        boolean isNew = row.userId == null;
        row.userId = user.id;
        row.codeHash = keys.codeHash(user.id, code);
        row.createdAt = now;
        row.expiresAt = now.plus(config.verification().codeTtl());
        row.attempts = 0;
        if (isNew) {
            row.persist();
        }
        outbox.enqueueVerificationCode(user.email, user.name, code);
    }

    /** Sends a new code to an account that is not verified yet. */
    @Transactional
    public void resendCode(UUID userId, String clientAddress) {
        AuditLog.Event event = AuditLog.event("resend_verification").user(userId).client(clientAddress);
        try {
            User user = User.<User> findByIdOptional(userId).orElseThrow(VerificationService::unauthenticated);
            if (user.emailVerified) {
                throw new AuthException(ProblemCode.ALREADY_VERIFIED, "This e-mail address is already verified.");
            }
            issueCode(user);
            audit.success(event);
        } catch (AuthException e) {
            audit.failure(event, e.code().code());
            throw e;
        }
    }

    /**
     * Checks a code. A wrong guess is counted (and committed) before the refusal; the last
     * allowed wrong guess still says {@code invalid_code}, every attempt after it
     * {@code too_many_attempts}. Verifying a verified account succeeds again.
     */
    @Transactional(dontRollbackOn = AuthException.class)
    public Verified verifyEmail(UUID userId, UUID sessionId, String code, String clientAddress) {
        AuditLog.Event event = AuditLog.event("verify_email").user(userId).session(sessionId).client(clientAddress);
        try {
            Verified verified = verify(userId, sessionId, code);
            audit.success(event);
            return verified;
        } catch (AuthException e) {
            audit.failure(event, e.code().code());
            throw e;
        }
    }

    private Verified verify(UUID userId, UUID sessionId, String code) {
        if (code == null || !CODE_FORMAT.matcher(code).matches()) {
            throw AuthException.validation(Map.of("verification_code", "must be 6 digits"));
        }
        User user = User.<User> findByIdOptional(userId).orElseThrow(VerificationService::unauthenticated);
        Session session = Session.<Session> findByIdOptional(sessionId).orElse(null);
        Instant now = Instant.now();
        if (session == null || !session.userId.equals(userId) || !session.isActiveAt(now)) {
            throw unauthenticated();
        }
        if (!user.emailVerified) {
            check(user, code, now);
            user.emailVerified = true;
        }
        return new Verified(accessTokens.issue(user.id, user.email, user.emailVerified, sessionId, now), config.accessTokenTtl());
    }

    private void check(User user, String code, Instant now) {
        int maxAttempts = config.verification().maxAttempts();
        VerificationCode row = VerificationCode.findForUpdate(user.id).orElseThrow(VerificationService::expired);
        if (row.attempts >= maxAttempts) {
            throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS, "Too many wrong codes; request a new one.");
        }
        if (!now.isBefore(row.expiresAt)) {
            throw expired();
        }
        if (!DataKeys.sameHash(row.codeHash, keys.codeHash(user.id, code))) {
            row.attempts++;
            int remaining = maxAttempts - row.attempts;
            throw new AuthException(ProblemCode.INVALID_CODE, "The code is wrong; " + remaining + " attempt"
                    + (remaining == 1 ? "" : "s") + " remain.", Map.of(), null, remaining);
        }
        row.delete();
    }

    private static AuthException expired() {
        return new AuthException(ProblemCode.CODE_EXPIRED, "The code has expired; request a new one.");
    }

    private static AuthException unauthenticated() {
        return new AuthException(ProblemCode.UNAUTHENTICATED, "Sign in again.");
    }
}
