package ai.rememberizer.auth.flow;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.user.User;

/** The signed-in account. Transactions are opened here ({@link Transactions}). */
@ApplicationScoped
public class AccountFlow {

    /** The account of a verified access token. */
    public User account(UUID userId) {
        return Transactions.call(() -> User.<User> findByIdOptional(userId))
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED, "The account no longer exists."));
    }
}
