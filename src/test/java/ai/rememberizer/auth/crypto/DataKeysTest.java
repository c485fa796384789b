package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The data keys come from their own secret, so rolling the signing key changes nothing stored. */
class DataKeysTest {

    private static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void twoInstancesWithTheSameSecretReadEachOthersCodesAndMail() throws Exception {
        DataKeys one = new DataKeys(Optional.of(SECRET));
        DataKeys two = new DataKeys(Optional.of(SECRET));
        String subject = "verify_email:" + UUID.randomUUID();
        assertThat(DataKeys.sameHash(one.codeHash(subject, "123456"), two.codeHash(subject, "123456"))).isTrue();
        assertThat(DataKeys.sameHash(one.codeHash(subject, "123456"), one.codeHash("reset_password:" + subject, "123456")))
                .as("a code of one purpose is not the code of another").isFalse();
        assertThat(two.open(one.seal("sealed".getBytes(StandardCharsets.UTF_8)))).asString(StandardCharsets.UTF_8).isEqualTo("sealed");
    }

    @Test
    void aMissingOrShortSecretStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new DataKeys(Optional.empty())).hasMessageContaining("AUTH_DATA_SECRET");
        assertThatThrownBy(() -> new DataKeys(Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("AUTH_DATA_SECRET").hasMessageContaining("32");
        assertThatThrownBy(() -> new DataKeys(Optional.of("not base64 !"))).hasMessageContaining("AUTH_DATA_SECRET");
    }
}
