package ai.rememberizer.auth.crypto;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with Bouncy Castle's lightweight API, stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded Base64).
 *
 * <p>Hashes run on a fixed pool of {@code maxConcurrent} threads (one per core by default):
 * a flood of sign-ins queues instead of allocating {@code m} KiB per request, and the same
 * few threads do all the hashing. (Spread over the many request threads, each hash ran ~1.5x
 * slower: each thread's allocation buffers stayed sized for small requests, not for the
 * 19 MiB a hash allocates.)
 */
public class Argon2idPasswordHasher implements PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final Params current;
    private final ExecutorService pool;
    private final SecureRandom random = new SecureRandom();
    private final String dummy;

    public Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
        this(memoryKib, iterations, parallelism, newPool(Math.max(1, maxConcurrent)));
    }

    Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, ExecutorService pool) {
        this.current = new Params(memoryKib, iterations, parallelism);
        this.pool = pool;
        this.dummy = hash("dummy password for unknown logins");
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "argon2-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        Future<byte[]> result = pool.submit(() -> {
            byte[] out = new byte[length];
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(secret, out);
            return out;
        });
        try {
            return awaitUninterruptibly(result);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] awaitUninterruptibly(Future<byte[]> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Argon2id failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
