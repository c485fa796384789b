package ai.rememberizer.auth.social;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks an OpenID Connect ID token as a relying party must (OIDC Core 3.1.3.7): signed by a
 * key of the provider's JWKS with an asymmetric algorithm (never {@code none}, never a MAC
 * keyed with something public), from the expected {@code iss}, for our {@code aud} (and, with
 * several audiences, {@code azp} ours), not expired, issued recently, and with the
 * {@code nonce} of the flow that asked for it, compared in constant time. The JWKS is cached
 * (jose4j's {@link HttpsJwks}) and fetched again when a token names a {@code kid} it does not
 * hold, so a provider's key rotation needs no restart.
 */
public final class IdTokenVerifier {

    /** Clocks differ; a token a little early or late is still the provider's. */
    static final int CLOCK_SKEW_SECONDS = 60;
    /** An ID token is for the flow that just ended: one issued long ago is not. */
    static final int MAX_AGE_SECONDS = 600;

    private static final String[] ALGORITHMS = { AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.EDDSA };

    private final String issuer;
    private final String clientId;
    private final HttpsJwksVerificationKeyResolver keys;

    /** The identity an ID token asserts: the provider's ({@code iss}, {@code sub}), and its address if it gave one. */
    public record Identity(String issuer, String subject, Optional<String> email, boolean emailVerified, Optional<String> name) {
    }

    /** Why an ID token was refused: a reason safe to log and count (never the token). */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Tokens naming kids nobody serves fetch the JWKS at most this often: a flood of them does not become one at the provider. */
    static final long REFETCH_AT_MOST_EVERY_MILLIS = 5_000;

    public IdTokenVerifier(String issuer, String clientId, URI jwksUri) {
        this(issuer, clientId, jwksUri, REFETCH_AT_MOST_EVERY_MILLIS);
    }

    IdTokenVerifier(String issuer, String clientId, URI jwksUri, long refetchAtMostEveryMillis) {
        this.issuer = Issuers.require(issuer).toString();
        this.clientId = clientId;
        HttpsJwks jwks = new HttpsJwks(Issuers.require(jwksUri.toString()).toString());
        // Keep the keys an hour unless the provider says otherwise; fetch again for an unknown kid.
        jwks.setDefaultCacheDuration(3600);
        jwks.setRetainCacheOnErrorDuration(600);
        jwks.setRefreshReprieveThreshold(refetchAtMostEveryMillis);
        this.keys = new HttpsJwksVerificationKeyResolver(jwks);
    }

    /**
     * The identity, if the token is right in every respect.
     *
     * @param now seconds since the epoch (the caller's clock, so tests can move it)
     * @throws Refused with the first thing that was wrong
     */
    public Identity verify(String idToken, String expectedNonce, long now) throws Refused {
        if (idToken == null || idToken.isEmpty() || idToken.length() > 16 * 1024) {
            throw new Refused("id_token_missing");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setMaxFutureValidityInMinutes(24 * 60)
                .setEvaluationTime(NumericDate.fromSeconds(now))
                .setExpectedIssuer(true, issuer)
                .setExpectedAudience(true, clientId)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new Refused(reasonOf(e));
        }
        try {
            if (claims.getIssuedAt().getValue() < now - MAX_AGE_SECONDS - CLOCK_SKEW_SECONDS) {
                throw new Refused("issued_too_long_ago");
            }
            if (claims.getAudience().size() > 1 && !clientId.equals(claims.getStringClaimValue("azp"))) {
                throw new Refused("azp_not_ours");
            }
            String nonce = claims.getStringClaimValue("nonce");
            if (nonce == null || expectedNonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                    expectedNonce.getBytes(StandardCharsets.UTF_8))) {
                throw new Refused("nonce_mismatch");
            }
            Object verified = claims.getClaimValue("email_verified");
            // Some providers send "true" as a string; anything else is not an assertion.
            boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
            return new Identity(claims.getIssuer(), claims.getSubject(), Optional.ofNullable(claims.getStringClaimValue("email")),
                    emailVerified, Optional.ofNullable(claims.getStringClaimValue("name")));
        } catch (MalformedClaimException e) {
            throw new Refused("malformed_claim");
        }
    }

    /** One word for what jose4j refused, for logs and metrics. */
    private static String reasonOf(InvalidJwtException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvableKeyException) {
                return "key_unknown";
            }
        }
        if (e.hasExpired()) {
            return "expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "issuer_invalid";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "audience_invalid";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "signature_invalid";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "signature_missing";
        }
        return "invalid";
    }
}
