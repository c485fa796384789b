package ai.rememberizer.auth.crypto;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Argon2id ({@link Argon2Engine}), stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, unpadded Base64).
 *
 * <p>Hashes run on the {@link HashingPool} (one thread per core by default), shared with the
 * verification of imported hashes: a flood of sign-ins queues, and the same few threads do all
 * the hashing. Each pool thread
 * keeps one engine, whose {@code m} KiB of blocks it reuses from hash to hash: a hash allocates
 * no block memory (with Bouncy Castle's generator each allocated 19 MiB in ~20,000 objects,
 * which young collections copied while live; with a small heap, sign-in fell to a third).
 * An engine keeps memory up to the current {@code m}; a stored value with a larger {@code m}
 * is verified on memory allocated for it, reserved first from the pool's memory budget
 * ({@link HashingPool#run(long, java.util.concurrent.Callable)}). A pool thread idle for {@link HashingPool#IDLE_SECONDS}
 * ends, and its engine's memory goes with it.
 */
public class Argon2idPasswordHasher implements PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final Params current;
    private final HashingPool pool;
    private final ThreadLocal<Argon2Engine> engines;
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
        this.engines = ThreadLocal.withInitial(() -> new Argon2Engine(memoryKib));
        // What an unknown login is checked against: a value with the current parameters and a
        // random salt and tag. Checking a password against it costs one derivation, as a real
        // value does; computing it needs none (a hash here ran in the first sign-in, in
        // interpreted code, and doubled its wait).
        this.dummy = phc(current, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
    }

    @Override
    public String hash(String password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return phc(current, salt, derive(password, salt, current, HASH_BYTES));
    }

    /**
     * Starts one hash with the current parameters on the pool and returns at once: the JIT
     * compiles the Argon2 loops and one pool thread allocates its engine's memory before the
     * first sign-in needs them (at start, the first hash takes several times a warm one).
     */
    @Override
    public void warmUp() {
        byte[] secret = randomBytes(16);
        byte[] salt = randomBytes(SALT_BYTES);
        pool.submit(() -> engines.get().hash(Argon2Engine.Type.ARGON2ID, Argon2Engine.VERSION_13, current.memoryKib,
                current.iterations, current.parallelism, secret, salt, null, null, HASH_BYTES));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String phc(Params params, byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + params.memoryKib + ",t=" + params.iterations + ",p=" + params.parallelism
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
        byte[] secret = toUtf8(password);
        try {
            // A larger m than the engine keeps is allocated for this hash: reserved from the pool's budget.
            long extraKib = params.memoryKib > current.memoryKib ? params.memoryKib : 0;
            return pool.run(extraKib, () -> engines.get().hash(Argon2Engine.Type.ARGON2ID, Argon2Engine.VERSION_13,
                    params.memoryKib, params.iterations, params.parallelism, secret, salt, null, null, length));
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

    /** A stored value of ours, read by {@link PhcString}; {@code null} from {@link #parse} when the value is not ours. */
    record Phc(Params params, byte[] salt, byte[] hash) {
        private static final Set<String> NAMES = Set.of("m", "t", "p");

        static Phc parse(String stored) {
            PhcString phc = PhcString.parse(stored).orElse(null);
            if (phc == null || !"argon2id".equals(phc.id()) || phc.version().orElse(-1) != 19
                    || !phc.params().keySet().equals(NAMES)) {
                return null;
            }
            long m = phc.param("m"), t = phc.param("t"), p = phc.param("p");
            // RFC 9106's bounds (m >= 8p), which the engine enforces: outside them, not a value we can check.
            if (t <= 0 || t > Integer.MAX_VALUE || p <= 0 || p > 0xFFFFFF || m < 8 * p || m > Argon2Engine.MAX_MEMORY_KIB
                    || phc.hash().length < 4) {
                return null;
            }
            return new Phc(new Params((int) m, (int) t, (int) p), phc.salt(), phc.hash());
        }
    }
}
