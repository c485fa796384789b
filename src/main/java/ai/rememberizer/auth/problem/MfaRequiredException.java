package ai.rememberizer.auth.problem;

import java.util.List;

/**
 * 401 {@code mfa_required}: the first step was right, and the account has a second factor. No
 * token is issued; the answer carries the {@code mfa_token} of the second step and the methods
 * the account has. (The token is a secret: it never goes into the detail or a log.)
 */
public class MfaRequiredException extends AuthException {

    private final transient String mfaToken;
    private final List<String> methods;

    public MfaRequiredException(String mfaToken, List<String> methods) {
        super(ProblemCode.MFA_REQUIRED);
        this.mfaToken = mfaToken;
        this.methods = List.copyOf(methods);
    }

    public String mfaToken() {
        return mfaToken;
    }

    public List<String> methods() {
        return methods;
    }
}
