package ai.rememberizer.auth.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every {@code auth.*} setting. Each one can be given as an environment variable with the
 * usual mapping ({@code auth.refresh.reuse-grace} is {@code AUTH_REFRESH_REUSE_GRACE}).
 */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** {@code auth.access-token-ttl}: lifetime of an access JWT. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** {@code auth.refresh-token-ttl}: lifetime of one refresh token, renewed by each rotation. */
    @WithDefault("P14D")
    Duration refreshTokenTtl();

    /** {@code auth.session-lifetime}: absolute lifetime of a session, whatever the rotations. */
    @WithDefault("P90D")
    Duration sessionLifetime();

    Jwt jwt();

    Refresh refresh();

    Cookie cookie();

    Captcha captcha();

    Password password();

    interface Jwt {
        /**
         * {@code auth.jwt.issuer}: the {@code iss} of access tokens; {@code mp.jwt.verify.issuer}
         * follows it. Its default is in {@code application.properties}.
         */
        String issuer();
    }

    interface Refresh {
        /** {@code auth.refresh.reuse-grace}: how long a rotated refresh token still works. */
        @WithDefault("PT10S")
        Duration reuseGrace();
    }

    interface Cookie {
        /** {@code auth.cookie.secure}: the {@code Secure} attribute of both cookies. */
        @WithDefault("true")
        boolean secure();

        /** {@code auth.cookie.domain}: the {@code Domain} attribute; unset gives host-only cookies. */
        Optional<String> domain();
    }

    interface Captcha {
        /** {@code auth.captcha.provider}: recaptcha, hcaptcha, turnstile or disabled. */
        @WithDefault("recaptcha")
        CaptchaProvider provider();

        /** {@code auth.captcha.secret}: our secret at the provider. */
        Optional<String> secret();

        /** {@code auth.captcha.verify-url}: overrides the provider's siteverify URL. */
        Optional<URI> verifyUrl();

        /** {@code auth.captcha.min-score}: lowest reCAPTCHA v3 score that passes. */
        @WithDefault("0.5")
        double minScore();

        /** {@code auth.captcha.expected-hostname}: checked against the answer's hostname when set. */
        Optional<String> expectedHostname();

        /** {@code auth.captcha.expected-action}: checked against the answer's action when set. */
        Optional<String> expectedAction();

        /** {@code auth.captcha.timeout}: how long we wait for the provider. */
        @WithDefault("PT5S")
        Duration timeout();
    }

    interface Password {
        /** {@code auth.password.memory-kib}: Argon2id memory cost in KiB (OWASP: 19 MiB). */
        @WithDefault("19456")
        int memoryKib();

        /** {@code auth.password.iterations}: Argon2id time cost. */
        @WithDefault("2")
        int iterations();

        /** {@code auth.password.parallelism}: Argon2id lanes. */
        @WithDefault("1")
        int parallelism();

        /** {@code auth.password.max-concurrent-hashes}: hashes at once; 0 means one per core. */
        @WithDefault("0")
        int maxConcurrentHashes();
    }

    enum CaptchaProvider {
        RECAPTCHA("https://www.google.com/recaptcha/api/siteverify"),
        HCAPTCHA("https://api.hcaptcha.com/siteverify"),
        TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
        DISABLED(null);

        private final String siteverifyUrl;

        CaptchaProvider(String siteverifyUrl) {
            this.siteverifyUrl = siteverifyUrl;
        }

        public Optional<URI> siteverifyUrl() {
            return Optional.ofNullable(siteverifyUrl).map(URI::create);
        }
    }
}
