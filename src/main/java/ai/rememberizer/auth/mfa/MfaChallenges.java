package ai.rememberizer.auth.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.SecretTokens;
import ai.rememberizer.auth.session.Assurance;
import ai.rememberizer.auth.session.RefreshToken;

/**
 * The second step of a sign-in (or a reset) of an account with a second factor: an
 * {@code mfa_token} of 256 random bits, known here only by its SHA-256, single use, alive
 * {@code auth.mfa.token-ttl}, dead after {@code auth.mfa.failures-per-token} wrong codes. It
 * carries what the first step proved. Every method joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MfaChallenges {

    /** Longer inputs cannot be one of our tokens; refused before hashing. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final SecretTokens secrets;
    private final EntityManager em;
    private final AuthConfig.Mfa config;

    MfaChallenges(SecretTokens secrets, EntityManager em, AuthConfig config) {
        this.secrets = secrets;
        this.em = em;
        this.config = config.mfa();
    }

    /** A challenge that is open: who it is for, what the first step proved, and its wrong codes so far. */
    public record Challenge(byte[] tokenHash, UUID userId, Assurance first, int failures) {
    }

    /** Opens a challenge for the account; returns the raw {@code mfa_token}. */
    public String open(UUID userId, Assurance first) {
        String raw = secrets.newToken();
        Instant now = Instant.now();
        em.createNativeQuery("""
                INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, amr)
                VALUES (:hash, :user, :now, :expires, :amr)
                """)
                .setParameter("hash", secrets.hash(raw)).setParameter("user", userId).setParameter("now", first.authTime())
                .setParameter("expires", now.plus(config.tokenTtl())).setParameter("amr", first.storedMethods())
                .executeUpdate();
        return raw;
    }

    /** Whose challenge a presented token is, if it is one (no lock: the caller locks the account, then {@link #lock}). */
    public Optional<UUID> ownerOf(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<UUID> owners = em.createNativeQuery("SELECT user_id FROM mfa_challenges WHERE token_hash = :hash")
                .setParameter("hash", secrets.hash(presented)).getResultList();
        return owners.stream().findFirst();
    }

    /**
     * The open challenge of a presented token, its row locked until the transaction ends, so
     * that attempts at one token run one after the other; empty when the token is unknown,
     * used, expired or dead.
     */
    public Optional<Challenge> lock(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT token_hash, user_id, amr, created_at, failures FROM mfa_challenges
                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now() AND failures < :max
                FOR UPDATE
                """).setParameter("hash", secrets.hash(presented)).setParameter("max", config.failuresPerToken())
                .getResultList();
        return rows.stream().findFirst().map(r -> new Challenge((byte[]) r[0], (UUID) r[1],
                new Assurance(RefreshToken.instant(r[3]), 1, Assurance.methodsOf((String) r[2])), ((Number) r[4]).intValue()));
    }

    /** Counts a wrong code against the challenge; returns how many more it survives (0: it is dead now). */
    public int fail(Challenge challenge) {
        em.createNativeQuery("UPDATE mfa_challenges SET failures = failures + 1 WHERE token_hash = :hash")
                .setParameter("hash", challenge.tokenHash()).executeUpdate();
        return Math.max(0, config.failuresPerToken() - challenge.failures() - 1);
    }

    /** The challenge is met: the token never works again. */
    public void close(Challenge challenge) {
        em.createNativeQuery("UPDATE mfa_challenges SET used_at = now() WHERE token_hash = :hash")
                .setParameter("hash", challenge.tokenHash()).executeUpdate();
    }

    /** Ends every open challenge of the account (its password or its factors changed). */
    public void forget(UUID userId) {
        em.createNativeQuery("DELETE FROM mfa_challenges WHERE user_id = :user").setParameter("user", userId).executeUpdate();
    }
}
