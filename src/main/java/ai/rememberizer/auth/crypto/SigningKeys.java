package ai.rememberizer.auth.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * The access-token key pair, read once from the standard SmallRye JWT settings. The key id
 * ({@code kid}) is the RFC 7638 thumbprint of the public key, so it changes with the key and
 * needs no setting of its own.
 */
@ApplicationScoped
@Startup
public class SigningKeys {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private final SignatureAlgorithm algorithm;

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
        String verifyPem = read(publicKeyLocation, publicKeyInline, "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "mp.jwt.verify.publickey.location", "the PEM file of the public key that verifies access tokens");
        try {
            this.privateKey = KeyUtils.decodePrivateKey(signPem, algorithm);
            this.publicKey = KeyUtils.decodePublicKey(verifyPem, algorithm);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the JWT keys " + signKeyLocation.orElse("(inline)") + " and "
                    + publicKeyLocation.orElse("(inline)") + ": " + e.getMessage(), e);
        }
        if (privateKey == null || publicKey == null) {
            throw new IllegalStateException("The JWT keys " + signKeyLocation.orElse("(inline)") + " and "
                    + publicKeyLocation.orElse("(inline)") + " are not a " + algorithm.getAlgorithm() + " key pair in PEM format");
        }
        this.keyId = thumbprint(publicKey);
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
                return ResourceUtils.readResource(location.get());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read " + env + " (" + property + ") at " + location.get() + ": "
                        + e.getMessage(), e);
            }
        }
        return inline.filter(value -> !value.isBlank() && !"NONE".equals(value)).orElseThrow(() -> missing(env, property, what));
    }

    private static IllegalStateException missing(String env, String property, String what) {
        return new IllegalStateException("Missing setting " + env + " (" + property + "): " + what + ".");
    }

    private static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot compute the key id of the JWT public key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JWK (RFC 7517) with its {@code kid}, {@code use} and {@code alg}. */
    public Map<String, Object> publicJwk() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setKeyId(keyId);
            jwk.setUse("sig");
            jwk.setAlgorithm(algorithm.getAlgorithm());
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot express the JWT public key as a JWK", e);
        }
    }
}
