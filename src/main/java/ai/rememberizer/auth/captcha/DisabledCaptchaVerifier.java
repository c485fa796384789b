package ai.rememberizer.auth.captcha;

/** For dev and test: any non-empty token passes. */
public class DisabledCaptchaVerifier implements CaptchaVerifier {

    @Override
    public void verify(String token, String clientAddress) {
        if (token == null || token.isBlank()) {
            throw CaptchaProblems.invalid();
        }
    }
}
