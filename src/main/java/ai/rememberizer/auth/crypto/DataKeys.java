package ai.rememberizer.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.runtime.Startup;

/**
 * Keys for data at rest, derived with HKDF-SHA256 from a secret of their own
 * ({@code AUTH_DATA_SECRET}, at least 32 random bytes in Base64), so they do not change when
 * the token signing key is rolled. Each use has its own key:
 * <ul>
 * <li>one-time codes are stored as HMAC-SHA256 (a 6-digit code hashed without a secret
 * would fall to a million guesses);</li>
 * <li>outbox payloads (which must hold a code until it is mailed) and refresh tokens kept
 * for the reuse grace window are sealed with AES-256-GCM;</li>
 * <li>second-factor secrets (an authenticator's TOTP seed) are sealed with AES-256-GCM under
 * a key of their own, bound to their account: a sealed secret copied to another account's row
 * does not open.</li>
 * </ul>
 * Changing the secret invalidates pending codes, unsent outbox mail and the grace copies
 * (minutes' worth of each), and every second factor with its recovery codes (for good): once
 * accounts have one, the secret must never change.
 */
@ApplicationScoped
@Startup
public class DataKeys {

    static final int MIN_SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private final byte[] codeKey;
    private final SecretKeySpec sealKey;
    private final SecretKeySpec factorKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    DataKeys(AuthConfig config) {
        this(config.dataSecret());
    }

    DataKeys(Optional<String> secret) {
        this(decode(secret.filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "Missing setting AUTH_DATA_SECRET (auth.data-secret): at least 32 random bytes in Base64, the key of "
                        + "stored codes and sealed mail. Make one with `openssl rand -base64 32`."))));
    }

    DataKeys(byte[] material) {
        this.codeKey = derive(material, "rememberizer-auth/verification-code");
        this.sealKey = new SecretKeySpec(derive(material, "rememberizer-auth/outbox-seal"), "AES");
        this.factorKey = new SecretKeySpec(derive(material, "rememberizer-auth/second-factor-seal"), "AES");
    }

    private static byte[] decode(String secret) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("AUTH_DATA_SECRET (auth.data-secret) must be Base64: make one with "
                    + "`openssl rand -base64 32`.");
        }
        if (material.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("AUTH_DATA_SECRET (auth.data-secret) must hold at least " + MIN_SECRET_BYTES
                    + " random bytes (it holds " + material.length + "): make one with `openssl rand -base64 32`.");
        }
        return material;
    }

    private static byte[] derive(byte[] material, String label) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(material, null, label.getBytes(StandardCharsets.UTF_8)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** The stored form of a code: HMAC over what it is for ({@code <purpose>:<subject>}) and the code. */
    public byte[] codeHash(String codeKey, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(this.codeKey, "HmacSHA256"));
            return mac.doFinal((codeKey + ":" + code).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** AES-256-GCM: a random nonce, then the ciphertext with its tag. */
    public byte[] seal(byte[] plaintext) {
        return seal(sealKey, plaintext, null);
    }

    /** Seals a second factor's secret for one account ({@code owner} is authenticated with it). */
    public byte[] sealFactor(byte[] secret, String owner) {
        return seal(factorKey, secret, owner.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens what {@link #sealFactor} made for the same owner; fails if altered, another owner's or another key's. */
    public byte[] openFactor(byte[] sealed, String owner) throws GeneralSecurityException {
        return open(factorKey, sealed, owner.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] seal(SecretKeySpec key, byte[] plaintext, byte[] associated) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            if (associated != null) {
                cipher.updateAAD(associated);
            }
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal with AES-GCM", e);
        }
    }

    /** Opens what {@link #seal} made; fails if it was altered or sealed with another key. */
    public byte[] open(byte[] sealed) throws GeneralSecurityException {
        return open(sealKey, sealed, null);
    }

    private static byte[] open(SecretKeySpec key, byte[] sealed, byte[] associated) throws GeneralSecurityException {
        if (sealed == null || sealed.length < NONCE_BYTES + 16) {
            throw new AEADBadTagException("too short to be sealed");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
        if (associated != null) {
            cipher.updateAAD(associated);
        }
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
