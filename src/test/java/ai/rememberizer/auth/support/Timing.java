package ai.rememberizer.auth.support;

import java.util.Arrays;

/** What the timing tests share: they compare medians of interleaved tries, never single times. */
public final class Timing {

    private Timing() {
    }

    /** The nanoseconds a call took. */
    public static long nanos(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    public static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
