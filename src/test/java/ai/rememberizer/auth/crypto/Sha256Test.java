package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stored rate-limit keys and reset subjects are this hex: it must never change. */
class Sha256Test {

    @Test
    void hashesTheUtf8BytesAndWritesLowerCaseHex() {
        // FIPS 180-2's "abc".
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.of("é")).isEqualTo(Sha256.of(new byte[] { (byte) 0xc3, (byte) 0xa9 }));
        assertThat(Sha256.of("abc")).hasSize(32);
    }
}
