package ai.rememberizer.auth.flow;

import java.util.function.Supplier;

import ai.rememberizer.auth.problem.AuthException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionExceptionResult;

/**
 * How every flow opens a transaction: explicitly, one per step, never around a password hash
 * (Argon2 takes tens of milliseconds; a transaction would hold a pooled connection through
 * it). The capabilities the steps call join the transaction opened here.
 */
final class Transactions {

    private Transactions() {
    }

    /** Runs a step in a transaction of its own; any exception rolls it back. */
    static <T> T call(Supplier<T> step) {
        return QuarkusTransaction.requiringNew().call(step::get);
    }

    static void run(Runnable step) {
        QuarkusTransaction.requiringNew().run(step);
    }

    /**
     * Runs a step whose refusals must still commit what they counted (a wrong code, a reuse
     * that revoked a session): an {@link AuthException} commits, anything else rolls back.
     */
    static <T> T callKeepingRefusals(Supplier<T> step) {
        return QuarkusTransaction.requiringNew()
                .exceptionHandler(e -> e instanceof AuthException ? TransactionExceptionResult.COMMIT
                        : TransactionExceptionResult.ROLLBACK)
                .call(step::get);
    }
}
