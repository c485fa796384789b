package ai.rememberizer.auth.session;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.SigningKeys;
import io.smallrye.jwt.build.Jwt;

/** Signs access JWTs (RS256 by default, {@code kid} in the header) with the contract's claims. */
@ApplicationScoped
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig config;

    AccessTokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String issue(UUID userId, String email, boolean emailVerified, UUID sessionId, Instant now) {
        return Jwt.issuer(config.jwt().issuer())
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .groups(Set.of("user"))
                .jws()
                .algorithm(keys.algorithm())
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }
}
