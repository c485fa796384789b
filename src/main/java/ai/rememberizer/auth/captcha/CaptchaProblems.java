package ai.rememberizer.auth.captcha;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;

final class CaptchaProblems {

    private CaptchaProblems() {
    }

    static AuthException invalid() {
        return new AuthException(ProblemCode.CAPTCHA_INVALID, "The captcha is missing or was not accepted; solve it again.");
    }

    static AuthException unavailable() {
        return new AuthException(ProblemCode.CAPTCHA_UNAVAILABLE, "The captcha could not be checked; try again shortly.");
    }
}
