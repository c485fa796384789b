package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/** Missing or unreadable keys stop a production start with a message naming the setting. */
class SigningKeysTest {

    @Test
    void aMissingSigningKeySettingIsNamed() {
        assertThatThrownBy(() -> new SigningKeys(Optional.empty(), Optional.of("public.pem"), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThatThrownBy(() -> new SigningKeys(Optional.of("private.pem"), Optional.empty(), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void anUnreadableKeyIsNamed() {
        assertThatThrownBy(() -> new SigningKeys(Optional.of("/nonexistent/private.pem"), Optional.of("/nonexistent/public.pem"),
                SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/private.pem");
    }

    @Test
    void theKeyIdIsTheThumbprintOfThePublicKey(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        SigningKeys keys = new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.RS256);
        SigningKeys again = new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.RS256);

        assertThat(keys.keyId()).matches("[A-Za-z0-9_-]{43}").isEqualTo(again.keyId());
        assertThat(keys.publicJwk()).containsEntry("kid", keys.keyId()).containsEntry("kty", "RSA")
                .containsEntry("alg", "RS256").containsKeys("n", "e").doesNotContainKeys("d", "p", "q");
    }

    @Test
    void readsAnEcKeyPairForEs256(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = dir.resolve("ec-private.pem");
        Path publicPem = dir.resolve("ec-public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        SigningKeys keys = new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.ES256);

        assertThat(keys.publicJwk()).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("alg", "ES256")
                .containsEntry("kid", keys.keyId()).doesNotContainKey("d");
    }

    @Test
    void anRsaKeyDoesNotPassForEs256(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertThatThrownBy(() -> new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()),
                SignatureAlgorithm.ES256)).isInstanceOf(IllegalStateException.class);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
