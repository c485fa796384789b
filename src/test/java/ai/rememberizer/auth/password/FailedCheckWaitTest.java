package ai.rememberizer.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The wait a failed check owes goes to whoever collects it (the request's runner, which holds
 * the answer back on a timer), and is slept only where nobody does.
 */
class FailedCheckWaitTest {

    private static final long OWED = Duration.ofMillis(300).toNanos();

    @Test
    void aCollectorTakesTheWaitOverAndNothingIsSlept() {
        long start = System.nanoTime();
        FailedCheckWait.Collected<String> done = FailedCheckWait.collect(() -> {
            FailedCheckWait.owe(OWED);
            FailedCheckWait.owe(OWED); // a second check of the same request
            return "refused";
        });
        assertThat(System.nanoTime() - start).isLessThan(OWED);
        assertThat(done.owedNanos()).isEqualTo(2 * OWED);
        assertThat(done.result()).isEqualTo("refused");
    }

    @Test
    void aFailureKeepsWhatItOwes() {
        FailedCheckWait.Collected<String> done = FailedCheckWait.collect(() -> {
            FailedCheckWait.owe(OWED);
            throw new IllegalStateException("invalid credentials");
        });
        assertThat(done.failure()).hasMessage("invalid credentials");
        assertThat(done.owedNanos()).isEqualTo(OWED);
    }

    @Test
    void withoutACollectorTheCheckingThreadWaitsItOut() {
        long start = System.nanoTime();
        FailedCheckWait.owe(OWED);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(OWED);
    }
}
