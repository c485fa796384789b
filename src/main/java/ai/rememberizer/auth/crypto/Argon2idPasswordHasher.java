package ai.rememberizer.auth.crypto;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with Bouncy Castle's lightweight API, stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded Base64).
 *
 * <p>Hashes run on a {@link HashingPool} of {@code maxConcurrent} threads (one per core by
 * default), shared with the verification of imported hashes ({@link LegacyHashes}): a flood
 * of sign-ins queues instead of allocating {@code m} KiB per request, and the same few
 * threads do all the hashing. (Spread over the many request threads, each hash ran ~1.5x
 * slower: each thread's allocation buffers stayed sized for small requests, not for the
 * 19 MiB a hash allocates.)
 */
public class Argon2idPasswordHasher implements PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Params current;
    private final HashingPool pool;
    private final SecureRandom random = new SecureRandom();
    private final String dummy;

    public Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
        this(memoryKib, iterations, parallelism, new HashingPool(maxConcurrent));
    }

    Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, ExecutorService executor) {
        this(memoryKib, iterations, parallelism, new HashingPool(executor));
    }

    /** Hashes on {@code pool}, which other hashers may share. */
    public Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, HashingPool pool) {
        this.current = new Params(memoryKib, iterations, parallelism);
        this.pool = pool;
        this.dummy = hash("dummy password for unknown logins");
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, current, HASH_BYTES);
        return "$argon2id$v=19$m=" + current.memoryKib + ",t=" + current.iterations + ",p=" + current.parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public boolean verify(String password, String stored) {
        Phc phc = Phc.parse(stored);
        if (phc == null) {
            verifyDummy(password);
            return false;
        }
        byte[] actual = derive(password, phc.salt, phc.params, phc.hash.length);
        return MessageDigest.isEqual(actual, phc.hash);
    }

    @Override
    public void verifyDummy(String password) {
        Phc phc = Phc.parse(dummy);
        MessageDigest.isEqual(derive(password, phc.salt, phc.params, phc.hash.length), phc.hash);
    }

    @Override
    public boolean needsRehash(String stored) {
        Phc phc = Phc.parse(stored);
        return phc == null || !phc.params.equals(current);
    }

    private byte[] derive(String password, byte[] salt, Params params, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKib)
                .withIterations(params.iterations)
                .withParallelism(params.parallelism)
                .withSalt(salt)
                .build();
        byte[] secret = toUtf8(password);
        try {
            return pool.run(() -> {
                byte[] out = new byte[length];
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(parameters);
                generator.generateBytes(secret, out);
                return out;
            });
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] toUtf8(String password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    record Params(int memoryKib, int iterations, int parallelism) {
    }

    /** A parsed PHC string; {@code null} from {@link #parse} when the value is not ours. */
    record Phc(Params params, byte[] salt, byte[] hash) {
        static Phc parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return null;
            }
            try {
                int m = -1, t = -1, p = -1;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                if (m <= 0 || t <= 0 || p <= 0) {
                    return null;
                }
                return new Phc(new Params(m, t, p), B64_DECODER.decode(parts[4]), B64_DECODER.decode(parts[5]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
