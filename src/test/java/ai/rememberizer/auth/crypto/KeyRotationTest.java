package ai.rememberizer.auth.crypto;

import static ai.rememberizer.auth.support.Api.newAccount;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.Pem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * A key roll in the middle: the service signs with the current key, and the verification
 * setting holds the current and the previous public keys (two PEM blocks in one file). Tokens
 * the previous key signed still work; the JWKS serves both; a key in neither is refused.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Profile.class)
class KeyRotationTest {

    static final KeyPair CURRENT = Pem.rsa();
    static final KeyPair PREVIOUS = Pem.rsa();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createDirectories(Path.of("target/rotation-keys"));
                Path signing = dir.resolve("private.pem");
                Path verifying = dir.resolve("public-keys.pem");
                Files.writeString(signing, Pem.encode("PRIVATE KEY", CURRENT.getPrivate().getEncoded()));
                Files.writeString(verifying, Pem.encode("PUBLIC KEY", CURRENT.getPublic().getEncoded())
                        + Pem.encode("PUBLIC KEY", PREVIOUS.getPublic().getEncoded()));
                return Map.of("smallrye.jwt.sign.key.location", signing.toAbsolutePath().toString(),
                        "mp.jwt.verify.publickey.location", verifying.toAbsolutePath().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String kid(KeyPair pair) throws Exception {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build().computeThumbprint().toString();
    }

    @Test
    void tokensSignedWithThePreviousKeyStillVerifyDuringTheRoll() throws Exception {
        Response account = newAccount();
        String userId = account.path("id");
        String sid = Jwts.payload(account.cookie("access_token")).get("sid").toString();

        String byPrevious = Jwts.claims(userId, sid).jws().keyId(kid(PREVIOUS)).algorithm(SignatureAlgorithm.RS256)
                .sign(PREVIOUS.getPrivate());
        given().header("Authorization", "Bearer " + byPrevious).get("/api/v1/account/").then().statusCode(200)
                .body("id", equalTo(userId));

        KeyPair stranger = Pem.rsa();
        String byStranger = Jwts.claims(userId, sid).jws().keyId(kid(stranger)).algorithm(SignatureAlgorithm.RS256)
                .sign(stranger.getPrivate());
        given().header("Authorization", "Bearer " + byStranger).get("/api/v1/account/").then().statusCode(401);

        // New tokens are signed with the current key.
        assertThat(Jwts.header(account.cookie("access_token")).get("kid")).isEqualTo(kid(CURRENT));
    }

    @Test
    void theJwksServesEveryVerificationKeyTheSigningKeyFirst() throws Exception {
        JWKSet set = JWKSet.parse(given().get("/.well-known/jwks.json").asString());
        assertThat(set.getKeys()).extracting(key -> key.getKeyID()).containsExactly(kid(CURRENT), kid(PREVIOUS));
        assertThat(set.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void theSigningKeyMustBeOneOfTheVerificationKeysAndStrong() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/rotation-keys/bad"));
        KeyPair other = Pem.rsa();
        Files.writeString(dir.resolve("private.pem"), Pem.encode("PRIVATE KEY", CURRENT.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("other.pem"), Pem.encode("PUBLIC KEY", other.getPublic().getEncoded()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigningKeys(
                java.util.Optional.of(dir.resolve("private.pem").toString()), java.util.Optional.empty(),
                java.util.Optional.of(dir.resolve("other.pem").toString()), java.util.Optional.empty(), SignatureAlgorithm.RS256))
                .hasMessageContaining("does not match");

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        Files.writeString(dir.resolve("weak-private.pem"), Pem.encode("PRIVATE KEY", weak.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("weak-public.pem"), Pem.encode("PUBLIC KEY", weak.getPublic().getEncoded()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigningKeys(
                java.util.Optional.of(dir.resolve("weak-private.pem").toString()), java.util.Optional.empty(),
                java.util.Optional.of(dir.resolve("weak-public.pem").toString()), java.util.Optional.empty(), SignatureAlgorithm.RS256))
                .hasMessageContaining("1024 bits");
    }
}
