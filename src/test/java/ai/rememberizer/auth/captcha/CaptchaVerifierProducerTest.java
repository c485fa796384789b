package ai.rememberizer.auth.captcha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.config.AuthConfig.CaptchaProvider;

/** The provider setting picks the implementation; a provider without a secret stops the start. */
class CaptchaVerifierProducerTest {

    @Test
    void aProviderWithoutASecretStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> CaptchaVerifierProducer.create(settings(CaptchaProvider.TURNSTILE, Optional.empty()), new ObjectMapper()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTH_CAPTCHA_SECRET")
                .hasMessageContaining("turnstile");
        assertThatThrownBy(() -> CaptchaVerifierProducer.create(settings(CaptchaProvider.RECAPTCHA, Optional.of(" ")), new ObjectMapper()))
                .hasMessageContaining("AUTH_CAPTCHA_SECRET");
    }

    @Test
    void picksTheImplementation() {
        assertThat(CaptchaVerifierProducer.create(settings(CaptchaProvider.DISABLED, Optional.empty()), new ObjectMapper()))
                .isInstanceOf(DisabledCaptchaVerifier.class);
        assertThat(CaptchaVerifierProducer.create(settings(CaptchaProvider.HCAPTCHA, Optional.of("s")), new ObjectMapper()))
                .isInstanceOf(SiteverifyCaptchaVerifier.class);
    }

    @Test
    void eachProviderHasItsSiteverifyUrl() {
        assertThat(CaptchaProvider.RECAPTCHA.siteverifyUrl()).contains(URI.create("https://www.google.com/recaptcha/api/siteverify"));
        assertThat(CaptchaProvider.HCAPTCHA.siteverifyUrl()).contains(URI.create("https://api.hcaptcha.com/siteverify"));
        assertThat(CaptchaProvider.TURNSTILE.siteverifyUrl())
                .contains(URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify"));
        assertThat(CaptchaProvider.DISABLED.siteverifyUrl()).isEmpty();
    }

    static AuthConfig.Captcha settings(CaptchaProvider provider, Optional<String> secret) {
        return new AuthConfig.Captcha() {
            @Override
            public CaptchaProvider provider() {
                return provider;
            }

            @Override
            public Optional<String> secret() {
                return secret;
            }

            @Override
            public Optional<URI> verifyUrl() {
                return Optional.empty();
            }

            @Override
            public double minScore() {
                return 0.5;
            }

            @Override
            public Optional<String> expectedHostname() {
                return Optional.empty();
            }

            @Override
            public Optional<String> expectedAction() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
