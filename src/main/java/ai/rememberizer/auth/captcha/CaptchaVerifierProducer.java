package ai.rememberizer.auth.captcha;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.config.AuthConfig.CaptchaProvider;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;

/** Picks the captcha implementation from {@code AUTH_CAPTCHA_PROVIDER}. */
public class CaptchaVerifierProducer {

    private static final Logger LOG = Logger.getLogger(CaptchaVerifierProducer.class);

    @Produces
    @ApplicationScoped
    @DefaultBean
    @Startup
    CaptchaVerifier captchaVerifier(AuthConfig config, ObjectMapper mapper) {
        return create(config.captcha(), mapper);
    }

    static CaptchaVerifier create(AuthConfig.Captcha captcha, ObjectMapper mapper) {
        if (captcha.provider() == CaptchaProvider.DISABLED) {
            LOG.warn("AUTH_CAPTCHA_PROVIDER=disabled: any non-empty captcha passes. Never run production like this.");
            return new DisabledCaptchaVerifier();
        }
        String secret = captcha.secret().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "AUTH_CAPTCHA_PROVIDER=" + captcha.provider().name().toLowerCase() + " needs AUTH_CAPTCHA_SECRET"
                        + " (auth.captcha.secret): set it, or set AUTH_CAPTCHA_PROVIDER=disabled for local work."));
        return new SiteverifyCaptchaVerifier(captcha.verifyUrl().or(captcha.provider()::siteverifyUrl).orElseThrow(), secret,
                captcha, mapper);
    }
}
