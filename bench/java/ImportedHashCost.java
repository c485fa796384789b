import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

import ai.rememberizer.auth.crypto.Argon2idPasswordHasher;
import ai.rememberizer.auth.crypto.HashingPool;
import ai.rememberizer.auth.crypto.LegacyHashes;

/**
 * What one verification of a wrong password costs, per imported format and cost setting,
 * against our own Argon2id: the median wall time of N runs through {@link LegacyHashes#verify}
 * on a one-thread {@link HashingPool} (as a sign-in does, one at a time), and the bytes
 * allocated per verification by all threads (the pool thread's working set: Argon2's m KiB,
 * bcrypt's 4 KiB of state, PBKDF2's few HMAC buffers).
 *
 * <pre>
 * ./mvnw -q compile
 * java -cp target/classes:$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.82/bcprov-jdk18on-1.82.jar \
 *     bench/java/ImportedHashCost.java [runs=11] [groups=fixture,django32,django52,caps]
 * </pre>
 *
 * Prints one tab-separated line per case: group, format, cost, median ms, min ms, max ms,
 * MiB allocated per verification, and the median of our own Argon2id (m=19456,t=2,p=1)
 * measured in turn with that case, with the ratio of the two medians. Not a test: timings on
 * a shared 2-core machine are noisy, so quote medians and ratios.
 */
public class ImportedHashCost {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG = "correct horse battery stapler";

    record Case(String group, String format, String cost, String stored) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        List<String> groups = List.of((args.length > 1 ? args[1] : "fixture,django32,django52,caps").split(","));
        HashingPool pool = new HashingPool(1);
        LegacyHashes legacy = new LegacyHashes(pool);

        List<Case> cases = new ArrayList<>();
        cases.add(argon2("ours", "$argon2id", 19456, 2, 1)); // our default, for its own MiB
        if (groups.contains("fixture")) {
            // The costs of src/test/resources/import/django-users.jsonl (Argon2 m=512,t=2,p=2 was
            // Django 1.10 to 3.1's default).
            cases.add(pbkdf2("fixture", "pbkdf2_sha256", 10_000));
            cases.add(pbkdf2("fixture", "pbkdf2_sha1", 10_000));
            cases.add(argon2("fixture", "argon2$argon2id", 512, 2, 2));
            cases.add(argon2("fixture", "argon2$argon2i", 512, 2, 2));
            cases.add(bcrypt("fixture", "bcrypt_sha256$", 5));
            cases.add(bcrypt("fixture", "bcrypt$", 5));
            cases.add(bcrypt("fixture", "", 5));
            cases.add(argon2("fixture", "$argon2id", 1024, 2, 1));
        }
        if (groups.contains("django32")) {
            // Django 3.2 (Debian 12's python3-django): PBKDF2 260,000; Argon2id m=102400,t=2,p=8; bcrypt 12.
            cases.add(pbkdf2("django32", "pbkdf2_sha256", 260_000));
            cases.add(pbkdf2("django32", "pbkdf2_sha1", 260_000));
            cases.add(argon2("django32", "argon2$argon2id", 102_400, 2, 8));
            cases.add(bcrypt("django32", "bcrypt_sha256$", 12));
            cases.add(bcrypt("django32", "bcrypt$", 12));
        }
        if (groups.contains("django52")) {
            // Django 5.2: PBKDF2 1,000,000; Argon2id and bcrypt as in 3.2.
            cases.add(pbkdf2("django52", "pbkdf2_sha256", 1_000_000));
            cases.add(pbkdf2("django52", "pbkdf2_sha1", 1_000_000));
        }
        if (groups.contains("caps")) {
            // The most that recognise() accepts.
            cases.add(pbkdf2("cap", "pbkdf2_sha256", LegacyHashes.MAX_PBKDF2_ITERATIONS));
            cases.add(bcrypt("cap", "", LegacyHashes.MAX_BCRYPT_COST));
            int m = LegacyHashes.MAX_ARGON2_MEMORY_KIB;
            cases.add(argon2("cap", "argon2$argon2id", m, LegacyHashes.MAX_ARGON2_WORK_KIB / m, 8));
            int t = LegacyHashes.MAX_ARGON2_ITERATIONS;
            cases.add(argon2("cap", "argon2$argon2id", LegacyHashes.MAX_ARGON2_WORK_KIB / t, t, 8));
        }
        // Ours, as the yardstick: measured in turn with every case, so both see the same load.
        String ours = argon2("ours", "$argon2id", 19456, 2, 1).stored;

        System.out.println("group\tformat\tcost\tmedian_ms\tmin_ms\tmax_ms\tMiB_allocated\tours_median_ms\tx_ours");
        for (Case c : cases) {
            if (LegacyHashes.recognise(c.stored).isEmpty()) {
                throw new IllegalStateException("refused: " + c.stored);
            }
            if (!legacy.verify(PASSWORD, c.stored) || legacy.verify(WRONG, c.stored)) {
                throw new IllegalStateException("wrong answer for " + c.stored);
            }
            int warmups = Math.max(1, Math.min(3, runs / 3));
            for (int i = 0; i < warmups; i++) {
                legacy.verify(WRONG, c.stored);
                legacy.verify(WRONG, ours);
            }
            long[] nanos = new long[runs];
            long[] oursNanos = new long[runs];
            long[] bytes = new long[runs];
            for (int i = 0; i < runs; i++) {
                long before = allocatedBytes();
                long start = System.nanoTime();
                legacy.verify(WRONG, c.stored);
                nanos[i] = System.nanoTime() - start;
                bytes[i] = allocatedBytes() - before;
                start = System.nanoTime();
                legacy.verify(WRONG, ours);
                oursNanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            Arrays.sort(oursNanos);
            Arrays.sort(bytes);
            System.out.printf("%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.2f\t%.1f\t%.2f%n", c.group, c.format, c.cost,
                    nanos[runs / 2] / 1e6, nanos[0] / 1e6, nanos[runs - 1] / 1e6, bytes[runs / 2] / 1048576.0,
                    oursNanos[runs / 2] / 1e6, (double) nanos[runs / 2] / oursNanos[runs / 2]);
        }
    }

    /** Bytes allocated so far by every live thread (the caller and the pool's). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    private static Case pbkdf2(String group, String algorithm, int iterations) throws Exception {
        String salt = "bench" + Long.toHexString(RANDOM.nextLong());
        boolean sha256 = algorithm.equals("pbkdf2_sha256");
        byte[] hash = SecretKeyFactory.getInstance(sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), iterations,
                        sha256 ? 256 : 160))
                .getEncoded();
        return new Case(group, algorithm, "i=" + iterations,
                algorithm + "$" + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(hash));
    }

    /** {@code prefix}: {@code argon2$argon2id}, {@code argon2$argon2i} (Django) or {@code $argon2id} (ours). */
    private static Case argon2(String group, String prefix, int m, int t, int p) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        boolean ours = prefix.startsWith("$");
        byte[] hash = new byte[ours ? 32 : 16];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(prefix.endsWith("id") ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(m).withIterations(t).withParallelism(p)
                .withSalt(salt).build());
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), hash);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new Case(group, prefix, "m=" + m + ",t=" + t + ",p=" + p, prefix + "$v=19$m=" + m + ",t=" + t + ",p=" + p
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
    }

    /** {@code prefix}: {@code bcrypt_sha256$}, {@code bcrypt$} (Django) or empty (plain). */
    private static Case bcrypt(String group, String prefix, int cost) throws Exception {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        if (prefix.equals("bcrypt_sha256$")) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(password);
            password = java.util.HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        }
        String format = prefix.isEmpty() ? "$2b$" : prefix;
        return new Case(group, format, "cost=" + cost, prefix + OpenBSDBCrypt.generate("2b", password, salt, cost));
    }
}
