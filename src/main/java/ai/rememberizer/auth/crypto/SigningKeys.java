package ai.rememberizer.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * The access-token keys, read once from the standard SmallRye JWT settings: the private key
 * that signs, and the public keys that verify. The verification setting may hold several
 * public keys (PEM blocks one after another, or a JWK Set), so a key is rolled without
 * throwing anyone out: publish the next key beside the current one, then sign with it, then
 * drop the old one once the last token it signed has expired. Each key's id ({@code kid}) is
 * its RFC 7638 thumbprint. The start stops when the signing key is not one of the
 * verification keys, or an RSA key is shorter than 2048 bits.
 */
@ApplicationScoped
@Startup
public class SigningKeys {

    static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM_PUBLIC_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);

    private final PrivateKey privateKey;
    private final String keyId;
    private final SignatureAlgorithm algorithm;
    /** Every verification key by kid, the signing key's first. */
    private final Map<String, PublicKey> verificationKeys;

    @Inject
    public SigningKeys(
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signKeyInline,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKeyInline,
            @ConfigProperty(name = "auth.jwt.algorithm", defaultValue = "RS256") SignatureAlgorithm algorithm) {
        this.algorithm = algorithm;
        // Production names PEM files; in dev and test, quarkus-smallrye-jwt generates a pair and
        // passes it inline when no key is configured.
        requirePresent(signKeyLocation, signKeyInline, "SMALLRYE_JWT_SIGN_KEY_LOCATION", "smallrye.jwt.sign.key.location",
                "the PEM file of the private key that signs access tokens");
        requirePresent(publicKeyLocation, publicKeyInline, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "mp.jwt.verify.publickey.location",
                "the PEM file of the public key(s) that verify access tokens");
        String signPem = read(signKeyLocation, signKeyInline, "SMALLRYE_JWT_SIGN_KEY_LOCATION", "smallrye.jwt.sign.key.location",
                "the PEM file of the private key that signs access tokens");
        String verifyContent = read(publicKeyLocation, publicKeyInline, "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "mp.jwt.verify.publickey.location", "the PEM file of the public key(s) that verify access tokens");
        String where = signKeyLocation.orElse("(inline)") + " and " + publicKeyLocation.orElse("(inline)");
        List<PublicKey> publicKeys;
        try {
            this.privateKey = KeyUtils.decodePrivateKey(signPem, algorithm);
            publicKeys = decodePublicKeys(verifyContent, algorithm);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the JWT keys " + where + ": " + e.getMessage(), e);
        }
        if (privateKey == null || publicKeys.isEmpty()) {
            throw new IllegalStateException("The JWT keys " + where + " are not " + algorithm.getAlgorithm()
                    + " keys in PEM format");
        }
        requireStrong(privateKey, "signing key");
        publicKeys.forEach(key -> requireStrong(key, "verification key"));
        PublicKey signing = publicKeys.stream().filter(key -> pairs(privateKey, key, algorithm)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The signing key (SMALLRYE_JWT_SIGN_KEY_LOCATION) does not match "
                        + "any verification key (MP_JWT_VERIFY_PUBLICKEY_LOCATION): tokens would not verify. Check " + where + "."));
        this.keyId = thumbprint(signing);
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put(keyId, signing);
        publicKeys.forEach(key -> keys.putIfAbsent(thumbprint(key), key));
        this.verificationKeys = Map.copyOf(keys);
    }

    private static void requirePresent(Optional<String> location, Optional<String> inline, String env, String property,
            String what) {
        if (location.isEmpty() && inline.filter(value -> !value.isBlank() && !"NONE".equals(value)).isEmpty()) {
            throw missing(env, property, what);
        }
    }

    private static String read(Optional<String> location, Optional<String> inline, String env, String property, String what) {
        if (location.isPresent()) {
            try {
                String content = ResourceUtils.readResource(location.get());
                if (content == null) {
                    throw new IllegalStateException("not found");
                }
                return content;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read " + env + " (" + property + ") at " + location.get() + ": "
                        + e.getMessage(), e);
            }
        }
        return inline.filter(value -> !value.isBlank() && !"NONE".equals(value)).orElseThrow(() -> missing(env, property, what));
    }

    /** One or more PEM public keys, a JWK Set, or (as dev mode passes it) one bare Base64 key. */
    static List<PublicKey> decodePublicKeys(String content, SignatureAlgorithm algorithm) throws Exception {
        List<PublicKey> keys = new ArrayList<>();
        String trimmed = content.trim();
        if (trimmed.startsWith("{")) {
            for (JsonWebKey jwk : new JsonWebKeySet(trimmed).getJsonWebKeys()) {
                if (jwk instanceof PublicJsonWebKey publicJwk) {
                    keys.add(publicJwk.getPublicKey());
                }
            }
            return keys;
        }
        Matcher matcher = PEM_PUBLIC_KEY.matcher(trimmed);
        while (matcher.find()) {
            keys.add(KeyUtils.decodePublicKey(matcher.group(0), algorithm));
        }
        if (keys.isEmpty()) {
            keys.add(KeyUtils.decodePublicKey(trimmed, algorithm));
        }
        keys.removeIf(java.util.Objects::isNull);
        return keys;
    }

    private static void requireStrong(java.security.Key key, String what) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalStateException("The JWT " + what + " is an RSA key of " + rsa.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_BITS + " are required.");
        }
    }

    /** Whether a signature by the private key verifies with the public one. */
    private static boolean pairs(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) {
        String jca = algorithm == SignatureAlgorithm.ES256 ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "rememberizer-auth key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(jca);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(jca);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IllegalStateException missing(String env, String property, String what) {
        return new IllegalStateException("Missing setting " + env + " (" + property + "): " + what + ".");
    }

    private static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot compute the key id of a JWT public key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The kid of the signing key. */
    public String keyId() {
        return keyId;
    }

    /** The signing key's public half as a JWK (RFC 7517) with its {@code kid}, {@code use} and {@code alg}. */
    public Map<String, Object> publicJwk() {
        return jwk(keyId, verificationKeys.get(keyId));
    }

    /** Every verification key as a JWK, the signing key's first. */
    public List<Map<String, Object>> publicJwks() {
        List<Map<String, Object>> jwks = new ArrayList<>();
        jwks.add(publicJwk());
        verificationKeys.forEach((kid, key) -> {
            if (!kid.equals(keyId)) {
                jwks.add(jwk(kid, key));
            }
        });
        return jwks;
    }

    /** The JWK Set the tokens are verified with. */
    public String verificationJwkSet() {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        List<Map<String, Object>> jwks = publicJwks();
        for (int i = 0; i < jwks.size(); i++) {
            try {
                json.append(i == 0 ? "" : ",").append(PublicJsonWebKey.Factory.newPublicJwk(jwks.get(i)).toJson(
                        JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            } catch (JoseException e) {
                throw new IllegalStateException("Cannot express a JWT public key as a JWK", e);
            }
        }
        return json.append("]}").toString();
    }

    private Map<String, Object> jwk(String kid, PublicKey key) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(algorithm.getAlgorithm());
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot express a JWT public key as a JWK", e);
        }
    }
}
