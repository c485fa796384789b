package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one reader of PHC strings: our values and the PHC part of Django's {@code argon2$} ones
 * are read, anything else is empty, and no input makes it throw.
 */
class PhcStringTest {

    /** The reference implementation: argon2 "password" -id -t 2 -m 16 -p 1, salt "somesalt". */
    private static final String REFERENCE = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    @Test
    void readsOurs() {
        PhcString phc = PhcString.parse(REFERENCE).orElseThrow();
        assertThat(phc.id()).isEqualTo("argon2id");
        assertThat(phc.version()).isEqualTo(OptionalInt.of(19));
        assertThat(phc.params()).containsExactly(Map.entry("m", 65536L), Map.entry("t", 2L), Map.entry("p", 1L));
        assertThat(phc.hasParams("m", "t", "p")).isTrue();
        assertThat(phc.hasParams("t", "m", "p")).isFalse();
        assertThat(phc.param("m")).isEqualTo(65536);
        assertThat(phc.param("keyid")).isEqualTo(-1);
        assertThat(new String(phc.salt(), StandardCharsets.US_ASCII)).isEqualTo("somesalt");
        assertThat(phc.hash()).hasSize(32);
        assertThat(phc.toString()).doesNotContain("c29tZXNhbHQ").doesNotContain("CTFh");
    }

    @Test
    void readsWhatOurHasherWrites() {
        String stored = new Argon2idPasswordHasher(64, 1, 1, 1).hash("pw");
        PhcString phc = PhcString.parse(stored).orElseThrow();
        assertThat(phc.params()).containsExactly(Map.entry("m", 64L), Map.entry("t", 1L), Map.entry("p", 1L));
        assertThat(phc.salt()).hasSize(16);
        assertThat(phc.hash()).hasSize(32);
    }

    @Test
    void readsDjangosFormsAfterTheirArgon2Prefix() {
        // Django's test suite: argon2i with no version (argon2-cffi before 16.0) and with v=19.
        PhcString noVersion = PhcString.parse("$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg").orElseThrow();
        assertThat(noVersion.id()).isEqualTo("argon2i");
        assertThat(noVersion.version()).isEmpty();
        assertThat(noVersion.hash()).hasSize(64);
        PhcString v19 = PhcString.parse("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q").orElseThrow();
        assertThat(v19.version()).isEqualTo(OptionalInt.of(19));
        assertThat(v19.hash()).hasSize(16);
    }

    @Test
    void keepsNumbersUpToTenDigitsSoACallerCanSayHowFarOverItsCap() {
        assertThat(PhcString.parse("$argon2id$v=19$m=9999999999,t=0,p=1$c29tZXNhbHQ$CTFh").orElseThrow().param("m"))
                .isEqualTo(9_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // missing or extra parts
        "", "$", "$$", "$argon2id", "$argon2id$v=19", "$argon2id$v=19$m=8,t=1,p=1", "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$", "$argon2id$v=19$m=8,t=1,p=1$$CTFh", "$argon2id$v=19$$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh$", "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh$CTFh",
        "argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "argon2$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$c29tZXNhbHQ$CTFh", "$argon2id$m=8,t=1,p=1$v=19$c29tZXNhbHQ$CTFh",
        // bad id or version
        "$ARGON2ID$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2_id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa$v=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=019$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=0x13$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=99999999999$m=8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=4294967295$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$V=19$m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        // parameters: huge, signed, non-numeric, repeated, empty
        "$argon2id$v=19$m=99999999999,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=99999999999999999999999999999999999999999999,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=-8,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=+8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=08,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=eight,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=8e3,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m= 8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=8,t=1,p=1,keyid=abc$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8,m=8,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=8,,t=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8,t=1,$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m,t=1,p=1$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=,t=1,p=1$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$=8$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8=8$c29tZXNhbHQ$CTFh", "$argon2id$v=19$v=19,m=8$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$M=8$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=\u0668$c29tZXNhbHQ$CTFh",
        // Base64: padded, URL-safe, stray low bits, a lone character, spaces
        "$argon2id$v=19$m=8$c29tZXNhbHQ=$CTFh", "$argon2id$v=19$m=8$c29tZXNhbHQ$CTFhFQ==", "$argon2id$v=19$m=8$c29t-XNhbHQ$CTFh",
        "$argon2id$v=19$m=8$c29t_XNhbHQ$CTFh", "$argon2id$v=19$m=8$c29tZXNhbHR$CTFh", "$argon2id$v=19$m=8$c29tZXNhbHQ$CTFhF",
        "$argon2id$v=19$m=8$c29tZXNhbHQ$C", "$argon2id$v=19$m=8$c29tZXNhbHQ $CTFh", "$argon2id$v=19$m=8$c29tZXNhbHQ$CTFh\n",
        // NUL and other code points
        "\0", "$argon2id\0$v=19$m=8$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8\0$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8$c29tZXNhbHQ$CTFh\0",
        "$argön2id$v=19$m=8$c29tZXNhbHQ$CTFh", "$argon2id$v=19$m=8$c29tZXNhbHQ$CTFh😀", "$argon2id$v=19$m=８$c29tZXNhbHQ$CTFh",
        "$argon2id$v=19$m=8$c29tZXNhbHQ$\uD800", "＄argon2id$v=19$m=8$c29tZXNhbHQ$CTFh",
    })
    void refusesAnythingElse(String hostile) {
        assertThat(PhcString.parse(hostile)).as(hostile).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(PhcString.parse(null)).isEmpty();
    }

    @Test
    void neverThrowsWhateverItIsGiven() {
        // Mutations of a good value: every character replaced, dropped or doubled, and random strings of PHC's alphabet.
        String alphabet = "$=,+/0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.\0é😀";
        Random random = new Random(21);
        List<String> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < REFERENCE.length(); i++) {
            inputs.add(REFERENCE.substring(0, i) + REFERENCE.substring(i + 1));
            inputs.add(REFERENCE.substring(0, i) + REFERENCE.charAt(i) + REFERENCE.substring(i));
            inputs.add(REFERENCE.substring(0, i) + alphabet.charAt(random.nextInt(alphabet.length())) + REFERENCE.substring(i + 1));
        }
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder("$");
            for (int n = random.nextInt(60); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(s.toString());
        }
        inputs.add("$argon2id$v=19$m=8$" + "A".repeat(100_000) + "$CTFh");
        for (String input : inputs) {
            assertThatCode(() -> PhcString.parse(input)).as(input).doesNotThrowAnyException();
        }
    }

    @Test
    void readsAnyCanonicalUnpaddedBase64() {
        Random random = new Random(7);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        for (int length = 1; length <= 70; length++) {
            byte[] salt = new byte[length];
            random.nextBytes(salt);
            PhcString phc = PhcString.parse("$x$p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(salt)).orElseThrow();
            assertThat(phc.salt()).isEqualTo(salt);
            assertThat(phc.version()).isEmpty();
        }
    }
}
