package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.crypto.Argon2Engine.Type;

/**
 * {@link Argon2Engine} against the published vectors and, bit for bit, against Bouncy Castle's
 * {@link Argon2BytesGenerator} on random inputs. The random cases come from a fixed seed, printed;
 * another can be given with {@code -Dargon2.seed=N} (e.g. to reproduce a failure or to explore).
 */
class Argon2EngineTest {

    private static final long DEFAULT_SEED = 0x5EED_A2_1D_9106L;
    private static final int RANDOM_CASES = 4000;

    @Test
    void rfc9106Argon2d() {
        assertThat(rfcVector(Type.ARGON2D))
                .isEqualTo(hex("512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"));
    }

    @Test
    void rfc9106Argon2i() {
        assertThat(rfcVector(Type.ARGON2I))
                .isEqualTo(hex("c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"));
    }

    @Test
    void rfc9106Argon2id() {
        assertThat(rfcVector(Type.ARGON2ID))
                .isEqualTo(hex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"));
    }

    /** RFC 9106, section 5: m = 32 KiB, t = 3, p = 4, T = 32, P = 32 x 01, S = 16 x 02, K = 8 x 03, X = 12 x 04. */
    private static byte[] rfcVector(Type type) {
        return new Argon2Engine().hash(type, Argon2Engine.VERSION_13, 32, 3, 4,
                filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04), 32);
    }

    @Test
    void referenceImplementationVectors() {
        // From the reference implementation's src/test.c ("password", "somesalt", t = 2, m = 2^16, p = 1).
        Argon2Engine engine = new Argon2Engine();
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "somesalt".getBytes(StandardCharsets.US_ASCII);
        assertThat(engine.hash(Type.ARGON2I, Argon2Engine.VERSION_10, 65536, 2, 1, password, salt, null, null, 32))
                .isEqualTo(hex("f6c4db4a54e2a370627aff3db6176b94a2a209a62c8e36152711802f7b30c694"));
        assertThat(engine.hash(Type.ARGON2I, Argon2Engine.VERSION_13, 65536, 2, 1, password, salt, null, null, 32))
                .isEqualTo(hex("c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0"));
        assertThat(engine.hash(Type.ARGON2ID, Argon2Engine.VERSION_13, 65536, 2, 1, password, salt, null, null, 32))
                .isEqualTo(hex("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"));
    }

    @Test
    void equalsBouncyCastleOnRandomInputs() {
        long seed = Long.getLong("argon2.seed", DEFAULT_SEED);
        System.out.println("Argon2EngineTest random cases: seed " + seed + " (rerun with -Dargon2.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Argon2Engine engine = new Argon2Engine(); // one engine for all: reuse across parameters is part of the test
        int[] perType = new int[3];
        for (int n = 0; n < RANDOM_CASES; n++) {
            Case c = Case.random(random);
            byte[] expected = c.bouncyCastle();
            byte[] actual = c.engine(engine);
            if (!Arrays.equals(actual, expected)) {
                throw new AssertionError("case " + n + " of seed " + seed + " differs from Bouncy Castle: " + c
                        + "\n expected " + HexFormat.of().formatHex(expected)
                        + "\n actual   " + HexFormat.of().formatHex(actual));
            }
            perType[c.type.ordinal()]++;
        }
        System.out.println("Argon2EngineTest random cases: " + RANDOM_CASES + " equal to Bouncy Castle (d "
                + perType[0] + ", i " + perType[1] + ", id " + perType[2] + ")");
    }

    @Test
    void oneEngineReusedAcrossGrowingAndShrinkingMemoryStaysRight() {
        SplittableRandom random = new SplittableRandom(42);
        Argon2Engine reused = new Argon2Engine();
        int[] memories = {8, 512, 64, 2048, 33, 2048, 16, 1000, 4096, 8, 4096, 300};
        for (int m : memories) {
            for (Type type : Type.values()) {
                int p = 1 + random.nextInt(Math.min(4, m / 8));
                Case c = new Case(type, random.nextInt(4) == 0 ? Argon2Engine.VERSION_10 : Argon2Engine.VERSION_13,
                        m, 1 + random.nextInt(3), p, bytes(random, random.nextInt(20)), bytes(random, 16),
                        random.nextBoolean() ? null : bytes(random, 8), random.nextBoolean() ? null : bytes(random, 12),
                        4 + random.nextInt(61));
                byte[] expected = c.bouncyCastle();
                assertThat(c.engine(reused)).as("reused engine, %s", c).isEqualTo(expected);
                assertThat(c.engine(new Argon2Engine())).as("fresh engine, %s", c).isEqualTo(expected);
                assertThat(reused.memoryIsZero()).as("memory wiped after %s", c).isTrue();
            }
        }
        assertThat(reused.retainedWords()).as("kept the largest memory").isEqualTo(4096 * 128);
    }

    @Test
    void keepsNoMemoryAboveItsRetainLimit() {
        Argon2Engine engine = new Argon2Engine(64);
        Case small = new Case(Type.ARGON2ID, Argon2Engine.VERSION_13, 64, 1, 1, bytes(new SplittableRandom(1), 8),
                filled(16, 2), null, null, 32);
        Case large = new Case(Type.ARGON2ID, Argon2Engine.VERSION_13, 1024, 1, 2, bytes(new SplittableRandom(2), 8),
                filled(16, 2), null, null, 32);
        assertThat(small.engine(engine)).isEqualTo(small.bouncyCastle());
        assertThat(engine.retainedWords()).isEqualTo(64 * 128);
        assertThat(large.engine(engine)).isEqualTo(large.bouncyCastle());
        assertThat(engine.retainedWords()).as("the 1024 KiB ran on memory of its own").isEqualTo(64 * 128);
        assertThat(small.engine(engine)).isEqualTo(small.bouncyCastle());
    }

    @Test
    void longOutputsUseTheVariableLengthHash() {
        SplittableRandom random = new SplittableRandom(7);
        Argon2Engine engine = new Argon2Engine();
        for (int outLen : new int[] {4, 63, 64, 65, 96, 97, 128, 129, 200, 1024}) {
            Case c = new Case(Type.ARGON2ID, Argon2Engine.VERSION_13, 64, 2, 2, bytes(random, 10), bytes(random, 16),
                    null, null, outLen);
            assertThat(c.engine(engine)).as("T = %d", outLen).isEqualTo(c.bouncyCastle());
        }
    }

    @Test
    void writesIntoTheGivenRangeOnly() {
        byte[] out = filled(40, 0x55);
        new Argon2Engine().hash(Type.ARGON2ID, Argon2Engine.VERSION_13, 32, 3, 4, filled(32, 1), filled(16, 2),
                filled(8, 3), filled(12, 4), out, 4, 32);
        assertThat(Arrays.copyOfRange(out, 4, 36)).isEqualTo(rfcVector(Type.ARGON2ID));
        assertThat(Arrays.copyOfRange(out, 0, 4)).isEqualTo(filled(4, 0x55));
        assertThat(Arrays.copyOfRange(out, 36, 40)).isEqualTo(filled(4, 0x55));
    }

    @Test
    void refusesParametersOutsideRfc9106() {
        Argon2Engine engine = new Argon2Engine();
        byte[] pw = filled(4, 1), salt = filled(16, 2);
        assertThatThrownBy(() -> engine.hash(Type.ARGON2ID, 0x13, 31, 1, 4, pw, salt, null, null, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
        assertThatThrownBy(() -> engine.hash(Type.ARGON2ID, 0x13, 64, 0, 1, pw, salt, null, null, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
        assertThatThrownBy(() -> engine.hash(Type.ARGON2ID, 0x13, 64, 1, 0, pw, salt, null, null, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> engine.hash(Type.ARGON2ID, 0x13, 64, 1, 1, pw, salt, null, null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
        assertThatThrownBy(() -> engine.hash(Type.ARGON2ID, 0x12, 64, 1, 1, pw, salt, null, null, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        // Still usable after a refusal.
        assertThat(rfcVector(Type.ARGON2ID)).isEqualTo(engine.hash(Type.ARGON2ID, 0x13, 32, 3, 4,
                filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32));
    }

    /** One set of inputs, hashed by both implementations. */
    record Case(Type type, int version, int memoryKib, int iterations, int parallelism, byte[] password, byte[] salt,
            byte[] secret, byte[] associatedData, int outLen) {

        static Case random(SplittableRandom random) {
            Type type = Type.values()[random.nextInt(3)];
            int version = random.nextInt(5) == 0 ? Argon2Engine.VERSION_10 : Argon2Engine.VERSION_13;
            int p = 1 + random.nextInt(4);
            int t = 1 + random.nextInt(4);
            // m from 8p (the least) up to a few hundred KiB, often not a multiple of 4p.
            int m = switch (random.nextInt(4)) {
                case 0 -> 8 * p + random.nextInt(8 * p);
                default -> 8 * p + random.nextInt(400 - 8 * p);
            };
            int passwordLength = random.nextInt(8) == 0 ? 0 : random.nextInt(1, 65);
            int outLen = random.nextInt(10) == 0 ? random.nextInt(65, 160) : random.nextInt(4, 65);
            return new Case(type, version, m, t, p, bytes(random, passwordLength), bytes(random, random.nextInt(0, 33)),
                    optional(random), optional(random), outLen);
        }

        private static byte[] optional(SplittableRandom random) {
            return switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> bytes(random, random.nextInt(1, 33));
            };
        }

        byte[] engine(Argon2Engine engine) {
            return engine.hash(type, version, memoryKib, iterations, parallelism, password, salt, secret, associatedData,
                    outLen);
        }

        byte[] bouncyCastle() {
            int bcType = switch (type) {
                case ARGON2D -> Argon2Parameters.ARGON2_d;
                case ARGON2I -> Argon2Parameters.ARGON2_i;
                case ARGON2ID -> Argon2Parameters.ARGON2_id;
            };
            Argon2Parameters.Builder builder = new Argon2Parameters.Builder(bcType).withVersion(version)
                    .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt);
            if (secret != null) {
                builder.withSecret(secret);
            }
            if (associatedData != null) {
                builder.withAdditional(associatedData);
            }
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(builder.build());
            byte[] out = new byte[outLen];
            generator.generateBytes(password, out);
            return out;
        }

        @Override
        public String toString() {
            HexFormat h = HexFormat.of();
            return type + " v=0x" + Integer.toHexString(version) + " m=" + memoryKib + " t=" + iterations + " p="
                    + parallelism + " T=" + outLen + " P=" + h.formatHex(password) + " S=" + h.formatHex(salt) + " K="
                    + (secret == null ? "null" : h.formatHex(secret)) + " X="
                    + (associatedData == null ? "null" : h.formatHex(associatedData));
        }
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
