package ai.rememberizer.auth.flow;

import java.util.Objects;
import java.util.Optional;

import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.password.SignInAttempts;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.user.User;

/** What the lifecycle flows of a signed-in account share: its current password, and acting on it. */
final class Accounts {

    private Accounts() {
    }

    /**
     * The current password, counted as a sign-in attempt before it is checked (a wrong one is a
     * failed sign-in); {@code invalid_current_password} when wrong. The caller clears the count
     * in its own transaction when it goes on ({@link SignInAttempts#clear}).
     */
    static Passwords.Checked checkCurrentPassword(Passwords passwords, SignInAttempts attempts, User user, String typed,
            ClientAddress client) {
        attempts.count(user.emailKey, client);
        Passwords.Checked checked = passwords.check(Optional.of(user), typed);
        if (checked.user().isEmpty()) {
            throw new AuthException(ProblemCode.INVALID_CURRENT_PASSWORD);
        }
        return checked;
    }

    /**
     * In the transaction that acts on a checked password: the account, its row locked, if its
     * password is still the one that was checked; else {@code changed}. A reset or a password
     * change that committed meanwhile wins, and nothing checked against the old password
     * writes over it or starts a session after it.
     */
    static User lockUnchanged(Passwords.Checked checked, ProblemCode gone, ProblemCode changed) {
        User user = User.lockById(checked.user().orElseThrow().id).orElseThrow(() -> new AuthException(gone));
        if (!Objects.equals(user.passwordHash, checked.matchedHash())) {
            throw new AuthException(changed);
        }
        return user;
    }

    /** Whether the failure is a violation of that constraint (and not any other database error). */
    static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && constraint.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
