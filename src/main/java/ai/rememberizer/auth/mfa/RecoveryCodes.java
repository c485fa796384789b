package ai.rememberizer.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.bouncycastle.util.encoders.Base32;

import ai.rememberizer.auth.crypto.DataKeys;

/**
 * An account's recovery codes: {@value #COUNT} codes of {@value #LENGTH} Base32 characters
 * (80 random bits each), shown once, stored only as HMACs, each deleted when it is used. A
 * code is accepted in any case, with or without the spaces and dashes people copy with it.
 * Every method joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecoveryCodes {

    public static final int COUNT = 10;
    public static final int LENGTH = 16;

    private final DataKeys keys;
    private final EntityManager em;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(DataKeys keys, EntityManager em) {
        this.keys = keys;
        this.em = em;
    }

    /** New codes for the account; the old ones die. */
    public List<String> replace(UUID userId) {
        forget(userId);
        Instant now = Instant.now();
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[LENGTH * 5 / 8];
            random.nextBytes(bytes);
            String code = new String(Base32.encode(bytes), StandardCharsets.US_ASCII);
            codes.add(code);
            em.createNativeQuery("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (:user, :hash, :now)")
                    .setParameter("user", userId).setParameter("hash", hash(userId, code)).setParameter("now", now)
                    .executeUpdate();
        }
        return codes;
    }

    /** Uses a code: true, and it is gone, if it was one of the account's. */
    public boolean use(UUID userId, String presented) {
        String code = normalise(presented);
        if (code == null) {
            return false;
        }
        return em.createNativeQuery("DELETE FROM recovery_codes WHERE user_id = :user AND code_hash = :hash")
                .setParameter("user", userId).setParameter("hash", hash(userId, code)).executeUpdate() == 1;
    }

    public int remaining(UUID userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM recovery_codes WHERE user_id = :user")
                .setParameter("user", userId).getSingleResult()).intValue();
    }

    public void forget(UUID userId) {
        em.createNativeQuery("DELETE FROM recovery_codes WHERE user_id = :user").setParameter("user", userId).executeUpdate();
    }

    /**
     * The code as stored: upper case, without spaces or dashes; {@code null} unless that leaves
     * exactly {@value #LENGTH} Base32 characters (the lookup is by HMAC, so nothing else could match).
     */
    static String normalise(String presented) {
        if (presented == null || presented.length() > 4 * LENGTH) {
            return null;
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < presented.length(); i++) {
            char c = presented.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            char upper = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
            if (!(upper >= 'A' && upper <= 'Z' || upper >= '2' && upper <= '7') || code.length() == LENGTH) {
                return null;
            }
            code.append(upper);
        }
        return code.length() == LENGTH ? code.toString() : null;
    }

    private byte[] hash(UUID userId, String code) {
        return keys.codeHash("recovery:" + userId, code);
    }
}
