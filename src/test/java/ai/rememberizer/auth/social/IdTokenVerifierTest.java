package ai.rememberizer.auth.social;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The ID token rules of a relying party, against a provider's JWKS served by a real HTTP stub:
 * each misbehaviour of a provider (or of someone posing as one) is refused with its reason.
 */
class IdTokenVerifierTest {

    private static final String CLIENT = "our-client-id";
    private static final String NONCE = "n-0S6_WzA2Mj";

    private WireMockServer provider;
    private String issuer;
    private RsaJsonWebKey key;
    private long now;

    @BeforeEach
    void start() throws Exception {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        issuer = "http://127.0.0.1:" + provider.port();
        key = rsa("k1");
        serveKeys(key);
        now = System.currentTimeMillis() / 1000;
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    private static RsaJsonWebKey rsa(String kid) throws Exception {
        RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
        generated.setKeyId(kid);
        return generated;
    }

    private void serveKeys(RsaJsonWebKey... keys) {
        provider.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson(new JsonWebKeySet(keys).toJson())));
    }

    private IdTokenVerifier verifier() {
        return new IdTokenVerifier(issuer, CLIENT, URI.create(issuer + "/jwks"), 0);
    }

    private JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(CLIENT);
        claims.setSubject("248289761001");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        claims.setClaim("nonce", NONCE);
        claims.setClaim("email", "jane@example.com");
        claims.setClaim("email_verified", true);
        return claims;
    }

    private String sign(JwtClaims claims, RsaJsonWebKey with) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private String token(Consumer<JwtClaims> change) throws Exception {
        JwtClaims claims = claims();
        change.accept(claims);
        return sign(claims, key);
    }

    private void refused(String idToken, String... reasons) {
        assertThatThrownBy(() -> verifier().verify(idToken, NONCE, now)).isInstanceOf(IdTokenVerifier.Refused.class)
                .satisfies(e -> assertThat(e.getMessage()).isIn((Object[]) reasons));
    }

    @Test
    void aRightTokenGivesTheProvidersIdentity() throws Exception {
        IdTokenVerifier.Identity identity = verifier().verify(token(c -> { }), NONCE, now);
        assertThat(identity.issuer()).isEqualTo(issuer);
        assertThat(identity.subject()).isEqualTo("248289761001");
        assertThat(identity.email()).contains("jane@example.com");
        assertThat(identity.emailVerified()).isTrue();
    }

    @Test
    void anAddressNotAssertedVerifiedIsSaidSo() throws Exception {
        assertThat(verifier().verify(token(c -> c.setClaim("email_verified", false)), NONCE, now).emailVerified()).isFalse();
        assertThat(verifier().verify(token(c -> c.unsetClaim("email_verified")), NONCE, now).emailVerified()).isFalse();
        assertThat(verifier().verify(token(c -> c.setClaim("email_verified", "yes")), NONCE, now).emailVerified()).isFalse();
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        RsaJsonWebKey impostor = rsa("k1");
        refused(sign(claims(), impostor), "signature_invalid");
    }

    @Test
    void theWrongIssuerAudienceOrNonceIsRefused() throws Exception {
        refused(token(c -> c.setIssuer("http://127.0.0.1:1")), "issuer_invalid");
        refused(token(c -> c.setAudience("someone-else")), "audience_invalid");
        refused(token(c -> c.setAudience(List.of("someone-else", CLIENT))), "azp_not_ours");
        refused(token(c -> c.setClaim("nonce", "another flow's")), "nonce_mismatch");
        refused(token(c -> c.unsetClaim("nonce")), "nonce_mismatch");
    }

    @Test
    void anExpiredOrOldTokenIsRefused() throws Exception {
        refused(token(c -> c.setExpirationTime(NumericDate.fromSeconds(now - IdTokenVerifier.CLOCK_SKEW_SECONDS - 1))), "expired");
        refused(token(c -> c.setIssuedAt(NumericDate.fromSeconds(now - 3600))), "issued_too_long_ago");
    }

    @Test
    void anUnsignedOrMacSignedTokenIsRefused() throws Exception {
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims().toJson());
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        // No key of the provider's is for it (or the algorithm is not allowed): refused either way.
        refused(none.getCompactSerialization(), "key_unknown", "invalid");
        // HS256 keyed with the provider's public key, the classic confusion.
        JsonWebSignature mac = new JsonWebSignature();
        mac.setPayload(claims().toJson());
        mac.setKeyIdHeaderValue("k1");
        mac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        mac.setKey(new HmacKey(key.getPublicKey().getEncoded()));
        refused(mac.getCompactSerialization(), "key_unknown", "invalid");
        refused("not.a.jwt", "invalid");
        refused("", "id_token_missing");
    }

    @Test
    void aKeyTheCacheDoesNotHoldIsFetchedOnceMoreAfterARotation() throws Exception {
        IdTokenVerifier verifier = verifier();
        assertThat(verifier.verify(token(c -> { }), NONCE, now).subject()).isEqualTo("248289761001");
        // The provider rotates to a new key; the verifier still caches the old set.
        RsaJsonWebKey rotated = rsa("k2");
        provider.resetAll();
        serveKeys(key, rotated);
        assertThat(verifier.verify(sign(claims(), rotated), NONCE, now).subject()).isEqualTo("248289761001");
        // A kid nobody serves, even after fetching again, is refused.
        refused(sign(claims(), rsa("k3")), "key_unknown");
        // And with the production reprieve, a flood of unknown kids fetches the keys once.
        IdTokenVerifier guarded = new IdTokenVerifier(issuer, CLIENT, URI.create(issuer + "/jwks"));
        guarded.verify(token(c -> { }), NONCE, now);
        int fetched = provider.getAllServeEvents().size();
        for (int i = 0; i < 20; i++) {
            String stranger = sign(claims(), rsa("x" + i));
            assertThatThrownBy(() -> guarded.verify(stranger, NONCE, now)).isInstanceOf(IdTokenVerifier.Refused.class);
        }
        assertThat(provider.getAllServeEvents().size() - fetched).isLessThanOrEqualTo(1);
    }

    @Test
    void onlyHttpsIssuersExceptOnLoopback() {
        assertThat(Issuers.require("https://accounts.google.com")).hasHost("accounts.google.com");
        assertThat(Issuers.require("http://127.0.0.1:8180/realms/test")).hasPort(8180);
        assertThat(Issuers.require("http://[::1]:8180")).hasPort(8180);
        assertThat(Issuers.require("http://localhost:8180")).hasHost("localhost");
        for (String bad : new String[] { "http://accounts.google.com", "http://192.0.2.1", "ftp://127.0.0.1", "https://u:p@idp.example",
                "https://idp.example/?x=1", "https://idp.example/#f", "not a url", "", "https://", "http://127.0.0.1.nip.io" }) {
            assertThatThrownBy(() -> Issuers.require(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
