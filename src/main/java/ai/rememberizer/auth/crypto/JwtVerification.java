package ai.rememberizer.auth.crypto;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * SmallRye JWT verifies access tokens with every key of {@link SigningKeys} (the JWK Set
 * served at {@code /.well-known/jwks.json}, chosen by the token's {@code kid}), not only the
 * first key of {@code mp.jwt.verify.publickey.location}: that is what lets a key roll keep
 * every signed-in user signed in. Every other verification setting (issuer, algorithm,
 * clock skew) stays SmallRye's own.
 */
public class JwtVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider defaults, SigningKeys keys) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(defaults.getContextInfo());
        info.setPublicVerificationKey(null);
        info.setPublicKeyLocation(null);
        info.setPublicKeyContent(keys.verificationJwkSet());
        return info;
    }
}
