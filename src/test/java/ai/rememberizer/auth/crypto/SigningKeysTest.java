package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.rememberizer.auth.support.Pem;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/** Missing or unreadable keys stop a production start with a message naming the setting. */
class SigningKeysTest {

    /** Keys from PEM files, as production configures them. */
    private static SigningKeys keys(Optional<String> privatePem, Optional<String> publicPem, SignatureAlgorithm algorithm) {
        return new SigningKeys(privatePem, Optional.empty(), publicPem, Optional.empty(), algorithm);
    }

    @Test
    void aMissingSigningKeySettingIsNamed() {
        assertThatThrownBy(() -> keys(Optional.empty(), Optional.of("public.pem"), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMALLRYE_JWT_SIGN_KEY_LOCATION");
        assertThatThrownBy(() -> keys(Optional.of("private.pem"), Optional.empty(), SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }

    @Test
    void anUnreadableKeyIsNamed() {
        assertThatThrownBy(() -> keys(Optional.of("/nonexistent/private.pem"), Optional.of("/nonexistent/public.pem"),
                SignatureAlgorithm.RS256))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/private.pem");
    }

    @Test
    void theKeyIdIsTheThumbprintOfThePublicKey(@TempDir Path dir) throws Exception {
        Pem.write(Pem.rsa(), dir);
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");

        SigningKeys keys = keys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.RS256);
        SigningKeys again = keys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.RS256);

        assertThat(keys.keyId()).matches("[A-Za-z0-9_-]{43}").isEqualTo(again.keyId());
        assertThat(keys.publicJwk()).containsEntry("kid", keys.keyId()).containsEntry("kty", "RSA")
                .containsEntry("alg", "RS256").containsKeys("n", "e").doesNotContainKeys("d", "p", "q");
    }

    @Test
    void readsAnEcKeyPairForEs256(@TempDir Path dir) throws Exception {
        Pem.write(Pem.ec(), dir);
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");

        SigningKeys keys = keys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()), SignatureAlgorithm.ES256);

        assertThat(keys.publicJwk()).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("alg", "ES256")
                .containsEntry("kid", keys.keyId()).doesNotContainKey("d");
    }

    @Test
    void anRsaKeyDoesNotPassForEs256(@TempDir Path dir) throws Exception {
        Pem.write(Pem.rsa(), dir);
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        assertThatThrownBy(() -> keys(Optional.of(privatePem.toString()), Optional.of(publicPem.toString()),
                SignatureAlgorithm.ES256)).isInstanceOf(IllegalStateException.class);
    }
}
