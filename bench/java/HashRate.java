import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import ai.rememberizer.auth.crypto.Argon2Engine;
import ai.rememberizer.auth.crypto.Argon2idPasswordHasher;

/**
 * The raw Argon2id rate of this machine (m = 19456 KiB, t = 2, p = 1, 32-byte tag, 16-byte salt),
 * one thread per core, per implementation, with what each allocates and what the GC does meanwhile.
 * A benchmark, not a test: run with Java's single-file source launcher,
 *
 * <pre>
 *   java -cp target/classes:BCPROV.jar bench/java/HashRate.java [options]
 *     --variants service,bc,engine   which ones, in the order of each round (default: all three)
 *     --seconds 10 --warmup 5 --rounds 1 --threads NPROC --memory 19456 --iterations 2
 *     --quiet                        print only the service's hashes/s (for bench/run.sh)
 * </pre>
 *
 * Variants: {@code service} is {@link Argon2idPasswordHasher#verify}, what sign-in runs (its pool
 * of one thread per core, called from {@code threads} callers); {@code bc} is Bouncy Castle's
 * {@code Argon2BytesGenerator}, as the service hashed before, on {@code threads} threads;
 * {@code engine} is {@link Argon2Engine} on {@code threads} threads, one engine each. With their
 * jars on the class path also {@code password4j} (com.password4j:password4j) and
 * {@code argon2-jvm} (de.mkammerer:argon2-jvm-nolibs with JNA and the system's libargon2).
 *
 * <p>Each variant is warmed up first; then rounds run the variants one after another, reversing
 * the order every other round, so that a drift of the machine's speed hits them alike. Per run:
 * hashes/s, bytes allocated per hash (all threads of the JVM, from
 * {@code com.sun.management.ThreadMXBean}), and the collections and GC time during the run.
 * Run with {@code -XX:+UseSerialGC -Xmx160m} for a small container's heap.
 *
 * <p>Launch to launch, Bouncy Castle's rate is bimodal (about 2.2x apart in CPU time per hash):
 * depending on compile timing at start-up, C2 either inlines its quarter-round into
 * {@code roundFunction}/{@code applyBlake} or leaves 32 calls per round (the call sites, in a
 * method compiled at tier 2 without profile, look cold, and the callee is over
 * {@code MaxInlineSize}). Seen mostly on Java 17, once on Java 25. To see which mode a launch
 * got, add {@code -XX:StartFlightRecording:filename=x.jfr,jdk.Compilation#threshold=0ms,jdk.CompilerInlining#enabled=true}
 * and look for {@code quarterRound} with {@code succeeded = false} in
 * {@code jfr print --events jdk.CompilerInlining x.jfr}. The engine's rounds are single methods
 * with no call to inline, and do not show this.
 */
public final class HashRate {

    static final int SALT_BYTES = 16;
    static final int TAG_BYTES = 32;
    static final String PASSWORD = "correct horse battery";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int cores = Runtime.getRuntime().availableProcessors();
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        int threads = Integer.parseInt(options.getOrDefault("threads", String.valueOf(cores)));
        int memory = Integer.parseInt(options.getOrDefault("memory", "19456"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "2"));
        boolean quiet = options.containsKey("quiet");
        List<String> names = Arrays.asList(options.getOrDefault("variants", quiet ? "service" : "service,bc,engine").split(","));

        if (!quiet) {
            System.out.printf("# java %s (%s), %d cores, max heap %d MiB, GC %s, args %s%n",
                    System.getProperty("java.version"), System.getProperty("java.vm.name"), cores,
                    Runtime.getRuntime().maxMemory() >> 20, gcNames(),
                    ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.out.printf("# m=%d KiB t=%d p=1, %d threads, warm-up %d s, %d round(s) of %d s%n",
                    memory, iterations, threads, warmup, rounds, seconds);
        }
        byte[] salt = new byte[SALT_BYTES];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 37 + 11);
        }
        byte[] password = PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (String name : names) {
            variants.put(name, variant(name, memory, iterations, cores, password, salt));
        }
        byte[] expected = null;
        for (Map.Entry<String, Variant> v : variants.entrySet()) { // all compute the same tag
            byte[] tag = v.getValue().once();
            if (tag != null && expected != null && !Arrays.equals(tag, expected)) {
                throw new IllegalStateException(v.getKey() + " computes another tag");
            }
            expected = tag != null ? tag : expected;
        }
        for (Map.Entry<String, Variant> v : variants.entrySet()) {
            run(v.getValue(), threads, warmup); // the JIT compiles the hot loops
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(variants.keySet());
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String name : order) {
                Result r = run(variants.get(name), threads, seconds);
                results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                if (!quiet) {
                    System.out.printf("HASHRATE variant=%s round=%d threads=%d hashes=%d per_second=%.1f"
                            + " alloc_per_hash_kib=%.1f gc_count=%d gc_ms=%d cpu_ms_per_hash=%.1f process_cpu_ms_per_hash=%.1f%n",
                            name, round, threads, r.hashes, r.perSecond(), r.allocPerHash() / 1024, r.gcCount, r.gcMillis,
                            r.threadCpuMsPerHash(), r.processCpuMsPerHash());
                }
            }
        }
        if (quiet) {
            System.out.printf("%.1f%n", median(results.get(names.get(0)), Result::perSecond));
            return;
        }
        System.out.println("| variant | hashes/s (median) | KiB allocated/hash | GCs/s | GC ms/s | CPU ms/hash (threads) | CPU ms/hash (JVM) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            List<Result> rs = e.getValue();
            System.out.printf("| %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.1f |%n", e.getKey(), median(rs, Result::perSecond),
                    median(rs, r -> r.allocPerHash() / 1024), median(rs, r -> r.gcCount / r.seconds),
                    median(rs, r -> r.gcMillis / r.seconds), median(rs, Result::threadCpuMsPerHash),
                    median(rs, Result::processCpuMsPerHash));
        }
    }

    /**
     * One implementation: {@link #worker} gives benchmark thread {@code index} its hashing loop body
     * (the same state in every run, as a pool thread keeps its own).
     */
    interface Variant {
        Runnable worker(int index);

        default byte[] once() {
            return null;
        }
    }

    static Variant variant(String name, int memory, int iterations, int cores, byte[] password, byte[] salt)
            throws Exception {
        switch (name) {
            case "service": {
                Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(memory, iterations, 1, cores);
                String stored = hasher.hash(PASSWORD);
                return index -> () -> {
                    if (!hasher.verify(PASSWORD, stored)) {
                        throw new IllegalStateException("verify failed");
                    }
                };
            }
            case "bc": {
                Supplier<byte[]> hash = () -> {
                    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                            .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memory)
                            .withIterations(iterations).withParallelism(1).withSalt(salt).build();
                    byte[] out = new byte[TAG_BYTES];
                    Argon2BytesGenerator generator = new Argon2BytesGenerator();
                    generator.init(parameters);
                    generator.generateBytes(password, out);
                    return out;
                };
                return new Variant() {
                    public Runnable worker(int index) {
                        return hash::get;
                    }

                    public byte[] once() {
                        return hash.get();
                    }
                };
            }
            case "engine":
                return new Variant() {
                    final Map<Integer, Argon2Engine> engines = new java.util.concurrent.ConcurrentHashMap<>();

                    public Runnable worker(int index) {
                        Argon2Engine engine = engines.computeIfAbsent(index, i -> new Argon2Engine());
                        return () -> engine.hash(Argon2Engine.Type.ARGON2ID, Argon2Engine.VERSION_13, memory, iterations,
                                1, password, salt, null, null, TAG_BYTES);
                    }

                    public byte[] once() {
                        return new Argon2Engine().hash(Argon2Engine.Type.ARGON2ID, Argon2Engine.VERSION_13, memory,
                                iterations, 1, password, salt, null, null, TAG_BYTES);
                    }
                };
            case "password4j": {
                // com.password4j.Argon2Function.getInstance(memory, iterations, parallelism, outputLength, Argon2.ID)
                Class<?> type = Class.forName("com.password4j.types.Argon2");
                Object id = type.getField("ID").get(null);
                Class<?> function = Class.forName("com.password4j.Argon2Function");
                Object instance = function.getMethod("getInstance", int.class, int.class, int.class, int.class, type)
                        .invoke(null, memory, iterations, 1, TAG_BYTES, id);
                Method hash = function.getMethod("hash", byte[].class, byte[].class);
                Method bytes = Class.forName("com.password4j.Hash").getMethod("getBytes");
                Supplier<byte[]> once = () -> {
                    try {
                        return (byte[]) bytes.invoke(hash.invoke(instance, password, salt));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
                return new Variant() {
                    public Runnable worker(int index) {
                        return once::get;
                    }

                    public byte[] once() {
                        return once.get();
                    }
                };
            }
            case "argon2-jvm": {
                // de.mkammerer.argon2.Argon2Factory.createAdvanced(ARGON2id).rawHash(t, m, p, password, salt)
                Class<?> types = Class.forName("de.mkammerer.argon2.Argon2Factory$Argon2Types");
                Object id = types.getField("ARGON2id").get(null);
                Object argon2 = Class.forName("de.mkammerer.argon2.Argon2Factory").getMethod("createAdvanced", types)
                        .invoke(null, id);
                Method raw = Class.forName("de.mkammerer.argon2.Argon2Advanced").getMethod("rawHash", int.class,
                        int.class, int.class, byte[].class, byte[].class);
                Supplier<byte[]> once = () -> {
                    try {
                        return (byte[]) raw.invoke(argon2, iterations, memory, 1, password, salt);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
                return new Variant() {
                    public Runnable worker(int index) {
                        return once::get;
                    }

                    public byte[] once() {
                        return once.get();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown variant " + name);
        }
    }

    record Result(long hashes, double seconds, long allocated, long gcCount, long gcMillis, long threadCpuNanos,
            long processCpuNanos) {
        double perSecond() {
            return hashes / seconds;
        }

        /** CPU time of the Java threads per hash: the code's own cost, whatever else runs on the machine. */
        double threadCpuMsPerHash() {
            return hashes == 0 ? 0 : threadCpuNanos / 1e6 / hashes;
        }

        /** CPU time of the whole JVM (GC and JIT threads too) per hash. */
        double processCpuMsPerHash() {
            return hashes == 0 ? 0 : processCpuNanos / 1e6 / hashes;
        }

        double allocPerHash() {
            return hashes == 0 ? 0 : (double) allocated / hashes;
        }
    }

    /** {@code threads} threads hash for {@code seconds}; allocation and GC are read while they are all alive. */
    static Result run(Variant variant, int threads, int seconds) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicLong done = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        long[] end = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable body = variant.worker(t);
            Thread worker = new Thread(() -> {
                try {
                    ready.countDown();
                    start.await();
                    while (System.nanoTime() < end[0]) {
                        body.run();
                        if (System.nanoTime() <= end[0]) {
                            done.incrementAndGet();
                        }
                    }
                    finished.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "hashrate-" + t);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        long allocatedBefore = allocated(mx);
        long[] gcBefore = gc();
        long cpuBefore = threadCpu(mx);
        long processBefore = processCpu();
        long begin = System.nanoTime();
        end[0] = begin + seconds * 1_000_000_000L;
        start.countDown();
        finished.await();
        long allocatedAfter = allocated(mx);
        long[] gcAfter = gc();
        long cpuAfter = threadCpu(mx);
        long processAfter = processCpu();
        release.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        // Rate over the nominal window: hashes that ended after it are not counted.
        return new Result(done.get(), seconds, allocatedAfter - allocatedBefore, gcAfter[0] - gcBefore[0],
                gcAfter[1] - gcBefore[1], cpuAfter - cpuBefore, processAfter - processBefore);
    }

    /** Bytes allocated so far by all live threads of this JVM. */
    static long allocated(com.sun.management.ThreadMXBean mx) {
        long[] ids = mx.getAllThreadIds();
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /** CPU time so far of all live threads of this JVM. */
    static long threadCpu(com.sun.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(0, mx.getThreadCpuTime(id));
        }
        return sum;
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long[] gc() {
        long count = 0, millis = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(bean.getName());
        }
        return String.join("+", names);
    }

    static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
        double[] values = results.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("quiet")) {
                options.put(key, "true");
            } else {
                options.put(key, args[++i]);
            }
        }
        return options;
    }
}
