package ai.rememberizer.auth.session;

import static ai.rememberizer.auth.support.Api.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import ai.rememberizer.auth.support.Pem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** AUTH_JWT_ALGORITHM=ES256 with an EC P-256 key: tokens are issued, served and verified alike. */
@QuarkusTest
@TestProfile(Es256Test.Profile.class)
class Es256Test {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = Pem.write(Pem.ec(), Path.of("target/es256-keys"));
            return Map.of("auth.jwt.algorithm", "ES256",
                    "smallrye.jwt.sign.key.location", dir.resolve("private.pem").toAbsolutePath().toString(),
                    "mp.jwt.verify.publickey.location", dir.resolve("public.pem").toAbsolutePath().toString());
        }
    }

    @Test
    void issuesEs256TokensThatTheJwksAndTheServiceVerify() throws Exception {
        Response signUp = newAccount();
        SignedJWT jwt = SignedJWT.parse(signUp.cookie("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);

        JWKSet set = JWKSet.parse(given().get("/.well-known/jwks.json").asString());
        ECKey key = set.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();

        given().header("Authorization", "Bearer " + signUp.cookie("access_token")).get("/api/v1/account/").then()
                .statusCode(200).body("id", equalTo(signUp.path("id")));
        given().cookie("refresh_token", signUp.cookie("refresh_token")).post("/api/v1/auth/custom-refresh/").then().statusCode(204);
    }
}
