package ai.rememberizer.auth.support;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/** Access tokens made by the tests: valid ones, and ones that are wrong in exactly one way. */
public final class Jwts {

    public static final String ISSUER = "https://api.rememberizer.ai";

    private Jwts() {
    }

    /** The service's own signing key: the pair quarkus-smallrye-jwt generates for the test run, or a configured file. */
    public static PrivateKey serviceKey() {
        Config config = ConfigProvider.getConfig();
        try {
            Optional<String> location = config.getOptionalValue("smallrye.jwt.sign.key.location", String.class);
            String pem = location.isPresent() ? ResourceUtils.readResource(location.get())
                    : config.getValue("smallrye.jwt.sign.key", String.class);
            return KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey otherKey() {
        return Pem.rsa().getPrivate();
    }

    /** Claims like the service's, for the given user and session, valid for 15 minutes from now. */
    public static JwtClaimsBuilder claims(String userId, String sessionId) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(userId).issuedAt(now).expiresAt(now.plusSeconds(900))
                .claim("jti", UUID.randomUUID().toString()).claim("sid", sessionId)
                .claim("email", "someone@example.com").claim("email_verified", false).groups(Set.of("user"));
    }

    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    /** The same claims, unsigned, with {@code alg: none}. */
    public static String unsigned(String userId, String sessionId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + userId + "\",\"sid\":\"" + sessionId
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 900) + ",\"groups\":[\"user\"]}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** The payload of a JWT, decoded without any check (for reading claims in assertions). */
    public static Map<String, Object> payload(String jwt) {
        return part(jwt, 1);
    }

    public static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
