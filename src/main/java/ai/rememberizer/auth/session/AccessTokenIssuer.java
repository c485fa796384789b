package ai.rememberizer.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.SigningKeys;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access JWTs (RS256 by default, {@code kid} in the header) with the contract's
 * claims. Only {@link SessionService} calls it: every access token belongs to a live session.
 */
@ApplicationScoped
class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig config;

    AccessTokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    AccessToken issue(UUID userId, String email, boolean emailVerified, UUID sessionId, Assurance assurance, Instant now) {
        return issue(userId, email, emailVerified, sessionId, assurance, now, now.plus(config.accessTokenTtl()));
    }

    /** A token that expires at the access TTL from now, or at {@code notAfter} if that comes first. */
    AccessToken issue(UUID userId, String email, boolean emailVerified, UUID sessionId, Assurance assurance, Instant now,
            Instant notAfter) {
        Instant ttlEnd = now.plus(config.accessTokenTtl());
        Instant expiresAt = notAfter.isBefore(ttlEnd) ? notAfter : ttlEnd;
        String jwt = Jwt.issuer(config.jwt().issuer())
                .subject(userId.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("email", email)
                .claim("email_verified", emailVerified)
                .claim("auth_time", assurance.authTime().getEpochSecond())
                .claim("aal", assurance.aal())
                .claim("amr", assurance.methods())
                .groups(Set.of("user"))
                .jws()
                .algorithm(keys.algorithm())
                .keyId(keys.keyId())
                .sign(keys.privateKey());
        return new AccessToken(jwt, Duration.between(now, expiresAt));
    }
}
