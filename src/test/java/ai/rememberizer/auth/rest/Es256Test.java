package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

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
            try {
                Path dir = Files.createDirectories(Path.of("target/es256-keys"));
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                return Map.of("auth.jwt.algorithm", "ES256",
                        "smallrye.jwt.sign.key.location", dir.resolve("private.pem").toAbsolutePath().toString(),
                        "mp.jwt.verify.publickey.location", dir.resolve("public.pem").toAbsolutePath().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
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
