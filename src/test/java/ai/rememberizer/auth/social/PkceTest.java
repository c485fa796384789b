package ai.rememberizer.auth.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void rfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aNewSecretIsAVerifierRfc7636Accepts() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = Pkce.newSecret();
            // 43 to 128 unreserved characters (RFC 7636 4.1); ours are 43, 256 random bits.
            assertThat(secret).hasSize(43).matches("[A-Za-z0-9._~-]+");
            assertThat(seen.add(secret)).isTrue();
        }
    }
}
