package ai.rememberizer.auth.verification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCodeException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.user.User;

/**
 * One-time codes mailed to an address: 6 digits from {@link SecureRandom}, stored only as an
 * HMAC over their purpose and subject, single use, valid {@code auth.verification.code-ttl},
 * burned after {@code auth.verification.max-attempts} wrong guesses. A new code replaces the
 * previous one of its purpose and subject. Every method joins the caller's transaction; a
 * refusal leaves it to the caller whether the counted attempt commits (it must).
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = AuthException.class)
public class VerificationCodes {

    private static final String CREATE_UNLESS_PRESENT = """
            INSERT INTO verification_codes (code_key, purpose, created_at, expires_at, attempts)
            VALUES (:key, :purpose, :now, :expires, 0)
            ON CONFLICT (code_key) DO NOTHING
            """;

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

    /** What a correct code was for: the account, and for an address change the new address. */
    public record Consumed(Optional<UUID> userId, Optional<String> newEmail) {
    }

    /** The code of an account's own address. */
    public Issued issue(UUID userId) {
        return issue(Purpose.VERIFY_EMAIL, userId.toString(), userId, null);
    }

    /**
     * Makes a new code, replacing any previous one of the same purpose and subject (the
     * attempts start again), and returns it for the mail.
     */
    public Issued issue(Purpose purpose, String subject, UUID userId, String newEmail) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        VerificationCode row = replace(purpose, subject, userId);
        row.codeHash = keys.codeHash(row.codeKey, code);
        row.newEmail = newEmail;
        row.newEmailKey = newEmail == null ? null : User.keyOf(newEmail);
        return new Issued(code, row.expiresAt);
    }

    /**
     * A reset asked for an address with no account: an entry with no code, so that guesses at
     * it are counted and answered exactly as guesses at a real code are.
     */
    public void issueNone(Purpose purpose, String subject) {
        replace(purpose, subject, null);
    }

    /**
     * A reset held back by the code-mail limits: an entry with no code if there is none, so
     * that the entries of an address with an account come and go exactly as those of one without.
     */
    public void issueNoneUnlessPresent(Purpose purpose, String subject) {
        lockOrCreate(purpose, key(purpose, subject));
    }

    private VerificationCode replace(Purpose purpose, String subject, UUID userId) {
        VerificationCode row = lockOrCreate(purpose, key(purpose, subject));
        Instant now = Instant.now();
        row.userId = userId;
        row.codeHash = null;
        row.newEmail = null;
        row.newEmailKey = null;
        row.createdAt = now;
        row.expiresAt = now.plus(config.codeTtl());
        row.attempts = 0;
        return row;
    }

    /**
     * The entry of a key, its row locked; created with no code when there is none, by one
     * atomic insert, so that requests racing to create it (two guesses at an address with no
     * entry, two instances handling resets for one address) all get the same row.
     */
    private VerificationCode lockOrCreate(Purpose purpose, String key) {
        Instant now = Instant.now();
        VerificationCode.getEntityManager().createNativeQuery(CREATE_UNLESS_PRESENT)
                .setParameter("key", key)
                .setParameter("purpose", purpose.code())
                .setParameter("now", now)
                .setParameter("expires", now.plus(config.codeTtl()))
                .executeUpdate();
        return VerificationCode.findForUpdate(key).orElseThrow();
    }

    /** The account's own address: a code that is missing is {@code code_expired}. */
    public void consume(UUID userId, String code) {
        consume(Purpose.VERIFY_EMAIL, userId.toString(), code);
    }

    /**
     * Checks a code and uses it up. A wrong guess is counted before the refusal; the last
     * allowed wrong guess still says {@code invalid_code}, every attempt after it
     * {@code too_many_attempts}, the right code included. No entry is {@code code_expired}
     * (reset codes, which must answer alike with or without an entry, go through
     * {@link #consumeReset}).
     */
    public Consumed consume(Purpose purpose, String subject, String code) {
        int maxAttempts = config.maxAttempts();
        String key = key(purpose, subject);
        VerificationCode row = VerificationCode.findForUpdate(key).orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED));
        if (row.attempts >= maxAttempts) {
            throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS);
        }
        if (!Instant.now().isBefore(row.expiresAt)) {
            throw new AuthException(ProblemCode.CODE_EXPIRED);
        }
        if (!matches(row, code)) {
            row.attempts++;
            throw new InvalidCodeException(maxAttempts - row.attempts);
        }
        Consumed consumed = new Consumed(Optional.ofNullable(row.userId), Optional.ofNullable(row.newEmail));
        row.delete();
        return consumed;
    }

    /**
     * Checks a reset code presented by one client and uses it up. Each requesting client has its
     * own entry ({@code subject}: the address's and the client's), which a request of that client
     * replaces and nobody else's touches: the code it asked for, the attempts it made since. The
     * code is checked against that entry's code; when the entry holds none (the client asked for
     * none, or its own was used), against the newest live code another client asked for the
     * account at that address, while that code takes tries from elsewhere (a user whose address
     * changed between the request and the confirmation). Whatever is found, the answer is made of
     * this client's own counts only, the same for an address with or without an account: a wrong
     * code is {@code invalid_code} with the fewer of the entry's attempts and the client's
     * {@link ResetTries#spend() tries} left; the entry's attempts used up, {@code too_many_attempts};
     * its expiry passed, {@code code_expired}. Each check makes the same statements and hashes,
     * found or not.
     */
    public Consumed consumeReset(String subject, String emailKey, String code, ResetTries tries) {
        int maxAttempts = config.maxAttempts();
        String key = key(Purpose.RESET_PASSWORD, subject);
        VerificationCode row = VerificationCode.findForUpdate(key).orElseGet(() -> lockOrCreate(Purpose.RESET_PASSWORD, key));
        if (row.attempts >= maxAttempts) {
            throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS);
        }
        Instant now = Instant.now();
        if (!now.isBefore(row.expiresAt)) {
            throw new AuthException(ProblemCode.CODE_EXPIRED);
        }
        int left = tries.spend();
        VerificationCode matched = matches(row, code) ? row : null;
        // Looked up and spent whether or not this entry holds a code (it does when this client asked
        // for one and the address has an account): the same statements and hashes either way, and
        // with no other code the same steps on this entry, so that nothing tells the cases apart.
        Optional<VerificationCode> other = VerificationCode.newestLiveForAccountAt(Purpose.RESET_PASSWORD.code(), emailKey, key, now);
        boolean foreign = row.codeHash == null && other.isPresent();
        VerificationCode candidate = foreign ? other.get() : row;
        // (Not foreign, the spending goes to a counter of this entry's own, which nothing reads.)
        boolean allowed = tries.spendForeign(foreign ? candidate.codeKey : key + "/self", candidate.createdAt);
        boolean right = matches(candidate, code);
        if (foreign && allowed && right) {
            matched = candidate;
        }
        if (matched == null) {
            row.attempts++;
            throw new InvalidCodeException(Math.max(0, Math.min(maxAttempts - row.attempts, left)));
        }
        Consumed consumed = new Consumed(Optional.ofNullable(matched.userId), Optional.empty());
        matched.delete();
        return consumed;
    }

    /** Whether a code is an entry's, compared in constant time; an entry with no code is compared with zeros, and fails alike. */
    private boolean matches(VerificationCode row, String code) {
        byte[] presented = keys.codeHash(row.codeKey, code);
        byte[] expected = row.codeHash != null ? row.codeHash : new byte[presented.length];
        return DataKeys.sameHash(expected, presented) && row.codeHash != null;
    }

    /** Forgets every entry of a purpose held for an account: codes that must not outlive what they were for. */
    public void forgetAll(Purpose purpose, UUID userId) {
        VerificationCode.delete("purpose = ?1 and userId = ?2", purpose.code(), userId);
    }

    /** Forgets every entry of an account (it is being deleted). */
    public void forget(UUID userId) {
        VerificationCode.delete("userId", userId);
    }

    /** Forgets the entry of a purpose and subject, if any: a code that must not outlive what it was for. */
    public void forget(Purpose purpose, String subject) {
        VerificationCode.deleteById(key(purpose, subject));
    }

    /** The address a pending address change of this account waits to confirm, if any. */
    public Optional<String> pendingNewEmail(UUID userId) {
        return VerificationCode.<VerificationCode> findByIdOptional(key(Purpose.CHANGE_EMAIL, userId.toString()))
                .map(entry -> entry.newEmail);
    }

    static String key(Purpose purpose, String subject) {
        return purpose.code() + ":" + subject;
    }
}
