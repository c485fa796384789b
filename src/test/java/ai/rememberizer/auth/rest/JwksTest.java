package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import ai.rememberizer.auth.support.Jwts;
import io.quarkus.test.junit.QuarkusTest;

/** The key set, checked with an independent JOSE library (Nimbus), not with our own code. */
@QuarkusTest
class JwksTest {

    private static JWKSet keySet() throws Exception {
        String body = given().get("/.well-known/jwks.json").then().statusCode(200).contentType("application/json")
                .extract().asString();
        return JWKSet.parse(body);
    }

    @Test
    void itsKeyIdMatchesTheTokensAndItsKeyVerifiesThem() throws Exception {
        String access = newAccount().cookie("access_token");
        SignedJWT jwt = SignedJWT.parse(access);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        String kid = jwt.getHeader().getKeyID();
        assertThat(kid).isNotBlank();

        JWKSet set = keySet();
        RSAKey key = set.getKeyByKeyId(kid).toRSAKey();
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.computeThumbprint().toString()).isEqualTo(kid);
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(Jwts.ISSUER);
    }

    @Test
    void itsKeyDoesNotVerifyATokenFromAnotherKey() throws Exception {
        SignedJWT forged = SignedJWT.parse(Jwts.sign(Jwts.claims("u", "s"), Jwts.otherKey()));
        RSAKey key = keySet().getKeys().get(0).toRSAKey();
        assertThat(forged.verify(new RSASSAVerifier(key))).isFalse();
    }

    @Test
    void itHoldsNoPrivatePart() {
        String body = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
    }
}
