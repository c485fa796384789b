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

/** Missing or unreadable keys stop a production start with a message naming the setting. */
class SigningKeysTest {

    @Test
    void aMissingSigningKeySettingIsNamed() {
        assertThatThrownBy(() -> new SigningKeys(Optional.empty(), Optional.of("public.pem")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThatThrownBy(() -> new SigningKeys(Optional.of("private.pem"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void anUnreadableKeyIsNamed() {
        assertThatThrownBy(() -> new SigningKeys(Optional.of("/nonexistent/private.pem"), Optional.of("/nonexistent/public.pem")))
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

        SigningKeys keys = new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()));
        SigningKeys again = new SigningKeys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()));

        assertThat(keys.keyId()).matches("[A-Za-z0-9_-]{43}").isEqualTo(again.keyId());
        assertThat(keys.publicJwk()).containsEntry("kid", keys.keyId()).containsEntry("kty", "RSA")
                .containsEntry("alg", "RS256").containsKeys("n", "e").doesNotContainKeys("d", "p", "q");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
