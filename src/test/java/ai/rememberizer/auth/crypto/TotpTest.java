package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** RFC 6238 and RFC 4226 test vectors, and the drift window around an injected clock. */
class TotpTest {

    /** RFC 6238 Appendix B's and RFC 4226 Appendix D's SHA-1 seed. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc4226AppendixDTruncation() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
            "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.format(Totp.hotp(SEED, counter, 6, "HmacSHA1"), 6)).as("counter " + counter)
                    .isEqualTo(expected[counter]);
        }
    }

    @Test
    void rfc6238AppendixBSha1Vectors() {
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
            {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] vector : vectors) {
            String code = Totp.format(Totp.hotp(SEED, vector[0] / Totp.STEP_SECONDS, 8, "HmacSHA1"), 8);
            assertThat(code).as("T = " + vector[0]).isEqualTo(Totp.format((int) vector[1], 8));
        }
        // Leading zeros are part of the code: T = 1111111109 is 07081804.
        assertThat(Totp.format(Totp.hotp(SEED, 1111111109L / 30, 8, "HmacSHA1"), 8)).isEqualTo("07081804");
    }

    @Test
    void aCodeMatchesItsStepWithinOneStepOfDriftOnly() {
        long t = 1_111_111_109L;
        Totp totp = at(t);
        long step = t / 30;
        String now = code(step);
        assertThat(totp.matchingStep(SEED, now)).isEqualTo(OptionalLong.of(step));
        assertThat(totp.matchingStep(SEED, code(step - 1))).isEqualTo(OptionalLong.of(step - 1));
        assertThat(totp.matchingStep(SEED, code(step + 1))).isEqualTo(OptionalLong.of(step + 1));
        // Two steps ago, or two ahead: refused.
        assertThat(totp.matchingStep(SEED, code(step - 2))).isEmpty();
        assertThat(totp.matchingStep(SEED, code(step + 2))).isEmpty();
        // The same code a minute later is two steps old.
        assertThat(at(t + 60).matchingStep(SEED, now)).isEmpty();
    }

    @Test
    void whatIsNoSixDigitCodeMatchesNothing() {
        Totp totp = at(59);
        for (String junk : new String[] {null, "", "12345", "1234567", "12345a", "１２３４５６", " 123456", "-12345"}) {
            assertThat(totp.matchingStep(SEED, junk)).as(String.valueOf(junk)).isEmpty();
        }
    }

    private static String code(long step) {
        return Totp.format(Totp.hotp(SEED, step, 6, "HmacSHA1"), 6);
    }

    private static Totp at(long epochSecond) {
        return new Totp(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }
}
