package ai.rememberizer.auth.captcha;

/**
 * Checks the captcha token a client sent. A deployment swaps the implementation by
 * providing its own bean of this type; the resources never change.
 */
public interface CaptchaVerifier {

    /**
     * Returns normally when the token passes.
     *
     * @throws ai.rememberizer.auth.problem.AuthException {@code captcha_invalid} when the
     *         token is missing or refused, {@code captcha_unavailable} when the provider
     *         cannot give an answer we can trust
     */
    void verify(String token, String clientAddress);
}
