package ai.rememberizer.auth.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
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

    /** {@code auth.unverified-account-ttl}: an account whose address is not verified by then is deleted. */
    @WithDefault("P7D")
    Duration unverifiedAccountTtl();

    /**
     * {@code auth.data-secret}: at least 32 random bytes in Base64, from which the keys of
     * stored codes and sealed data are derived; required in production.
     */
    Optional<String> dataSecret();

    /**
     * {@code auth.proxy-hops}: behind proxies (Quarkus's proxy forwarding on), which entry of
     * {@code X-Forwarded-For} is the client: the n-th from the right, the one the nearest
     * trusted proxy appended. 1 for one load balancer, 2 for a CDN in front of it.
     */
    @WithDefault("1")
    int proxyHops();

    /**
     * {@code auth.proxy-trusted-ranges}: the networks of the platform's own proxies (CIDR,
     * comma-separated). Entries of {@code X-Forwarded-For} inside them are skipped from the
     * right before {@code auth.proxy-hops} counts, for platforms whose chain of proxies varies
     * (Knative puts its activator in the path only at times). Empty: nothing is skipped.
     */
    Optional<List<String>> proxyTrustedRanges();

    /**
     * {@code auth.reauth-max-age}: where a sensitive action cannot ask for a password (an
     * account without one), how recent the token's {@code auth_time} must be.
     */
    @WithDefault("PT10M")
    Duration reauthMaxAge();

    Mfa mfa();

    Jwt jwt();

    Refresh refresh();

    Cookie cookie();

    Captcha captcha();

    Password password();

    Verification verification();

    Limits limits();

    Outbox outbox();

    Housekeeping housekeeping();

    /** The second factor: authenticator apps (TOTP), recovery codes, the second step of a sign-in. */
    interface Mfa {
        /** {@code auth.mfa.issuer}: the name an authenticator app shows next to the account. */
        @WithDefault("Rememberizer")
        String issuer();

        /** {@code auth.mfa.enrolment-ttl}: how long a new authenticator may wait for its first code. */
        @WithDefault("PT10M")
        Duration enrolmentTtl();

        /** {@code auth.mfa.token-ttl}: the life of an {@code mfa_token}, the second step's ticket. */
        @WithDefault("PT5M")
        Duration tokenTtl();

        /** {@code auth.mfa.failures-per-token}: wrong codes an {@code mfa_token} survives (then it is dead). */
        @WithDefault("5")
        int failuresPerToken();
    }

    /** The purge of rows nothing needs any more. */
    interface Housekeeping {
        /** {@code auth.housekeeping.interval}: how often each instance purges. */
        @WithDefault("10m")
        String interval();

        /** {@code auth.housekeeping.initial-delay}: the first purge after start. */
        @WithDefault("1m")
        String initialDelay();

        /** {@code auth.housekeeping.retention}: how long dead rows are kept (for support and audit). */
        @WithDefault("P7D")
        Duration retention();

        /** {@code auth.housekeeping.batch-size}: rows per delete (and per transaction). */
        @WithDefault("1000")
        int batchSize();

        /** {@code auth.housekeeping.max-batches-per-round}: a cap, so one round never runs long. */
        @WithDefault("100")
        int maxBatchesPerRound();
    }

    interface Verification {
        /** {@code auth.verification.code-ttl}: how long an e-mailed code is valid. */
        @WithDefault("PT10M")
        Duration codeTtl();

        /** {@code auth.verification.max-attempts}: wrong codes allowed before the code is burned. */
        @WithDefault("5")
        int maxAttempts();
    }

    /** Abuse limits; the counters live in PostgreSQL, shared by every instance. */
    interface Limits {
        /**
         * {@code auth.limits.code-mail-interval}: at most one code mail in this time per account,
         * and per mailbox for each requesting client (an IPv4 address, an IPv6 /48).
         */
        @WithDefault("PT60S")
        Duration codeMailInterval();

        /** {@code auth.limits.code-mails-per-hour}: code mails per hour per account, and per mailbox for each requesting client. */
        @WithDefault("5")
        int codeMailsPerHour();

        /** {@code auth.limits.code-mails-per-day}: code mails per day per account, and per mailbox for each requesting client. */
        @WithDefault("10")
        int codeMailsPerDay();

        /**
         * {@code auth.limits.code-mails-per-mailbox-per-hour}: code mails per hour to one mailbox,
         * whoever asked: above one client's share, so one client cannot spend it all.
         */
        @WithDefault("10")
        int codeMailsPerMailboxPerHour();

        /** {@code auth.limits.code-mails-per-mailbox-per-day}: code mails per day to one mailbox, whoever asked. */
        @WithDefault("20")
        int codeMailsPerMailboxPerDay();

        /**
         * {@code auth.limits.reset-guesses-per-client}: reset codes one client (an IPv4 address,
         * an IPv6 /48) may try per day for one address, over all its codes.
         */
        @WithDefault("10")
        int resetGuessesPerClient();

        /**
         * {@code auth.limits.reset-guesses-per-mailbox}: reset codes tried per day for one address,
         * from every client together: what bounds the odds of guessing one.
         */
        @WithDefault("50")
        int resetGuessesPerMailbox();

        /**
         * {@code auth.limits.reset-foreign-guesses-per-code}: tries a reset code takes from clients
         * other than the one that asked for it (a user whose address changed meanwhile); 0: a code
         * works only from where it was asked for.
         */
        @WithDefault("5")
        int resetForeignGuessesPerCode();

        /**
         * {@code auth.limits.captcha-checks-per-address}: requests from one client address that
         * would reach the captcha provider (sign-up, sign-in, reset) per window, checked before
         * the provider is called.
         */
        @WithDefault("60")
        int captchaChecksPerAddress();

        /** {@code auth.limits.captcha-check-window}: the window of the limit above. */
        @WithDefault("PT1M")
        Duration captchaCheckWindow();

        /** {@code auth.limits.signin-failures-per-account}: failed sign-ins for one account per window. */
        @WithDefault("5")
        int signinFailuresPerAccount();

        /** {@code auth.limits.signin-failures-per-address}: failed sign-ins from one address per window. */
        @WithDefault("30")
        int signinFailuresPerAddress();

        /** {@code auth.limits.signin-window}: the sign-in failure window. */
        @WithDefault("PT15M")
        Duration signinWindow();

        /**
         * {@code auth.limits.mfa-failures-per-account}: second-step codes (authenticator and
         * recovery codes together) tried for one account per window, counted before checking.
         */
        @WithDefault("10")
        int mfaFailuresPerAccount();

        /** {@code auth.limits.mfa-window}: that window. */
        @WithDefault("PT15M")
        Duration mfaWindow();

        /**
         * {@code auth.limits.mfa-failures-per-account-per-day}: the same tries per day, so that
         * someone who has the password cannot guess on at the window's pace for ever.
         */
        @WithDefault("50")
        int mfaFailuresPerAccountPerDay();

        /** {@code auth.limits.signups-per-address}: sign-ups from one address per window. */
        @WithDefault("10")
        int signupsPerAddress();

        /** {@code auth.limits.signup-window}: the sign-up window. */
        @WithDefault("PT1H")
        Duration signupWindow();

        /** {@code auth.limits.resets-per-address}: password-reset requests from one address per window. */
        @WithDefault("10")
        int resetsPerAddress();

        /** {@code auth.limits.reset-window}: the password-reset window. */
        @WithDefault("PT1H")
        Duration resetWindow();
    }

    interface Outbox {
        /** {@code auth.outbox.interval}: how often each instance looks for mail to send. */
        @WithDefault("2s")
        String interval();

        /** {@code auth.outbox.batch-size}: mails one instance takes per round. */
        @WithDefault("20")
        int batchSize();

        /** {@code auth.outbox.retry-base}: delay before the first retry, doubled each time. */
        @WithDefault("PT5S")
        Duration retryBase();

        /** {@code auth.outbox.retry-max}: the longest delay between retries. */
        @WithDefault("PT5M")
        Duration retryMax();

        /** {@code auth.outbox.send-timeout}: how long one mail may take to hand over before it is retried later. */
        @WithDefault("PT10S")
        Duration sendTimeout();

        /** {@code auth.outbox.max-age}: a mail not sent by then is dropped (code mails go when their code expires). */
        @WithDefault("P1D")
        Duration maxAge();
    }

    interface Jwt {
        /**
         * {@code auth.jwt.issuer}: the {@code iss} of access tokens; {@code mp.jwt.verify.issuer}
         * follows it. Its default is in {@code application.properties}.
         */
        String issuer();

        /**
         * {@code auth.jwt.algorithm}: RS256 (the contract's default, an RSA key) or ES256 (an
         * EC P-256 key, much cheaper to sign). {@code mp.jwt.verify.publickey.algorithm} follows it;
         * the default is in {@code application.properties}.
         */
        SignatureAlgorithm algorithm();
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

        /**
         * {@code auth.password.max-concurrent-hashes}: hashes at once; 0 means one per core, as
         * many as the heap holds (each thread keeps {@code memory-kib}, and one imported Argon2
         * hash of the largest accepted memory must fit beside them).
         */
        @WithDefault("0")
        int maxConcurrentHashes();

        /**
         * {@code auth.password.heap-reserve-mib}: the heap kept for everything but password
         * hashing (the young generation included); the rest sizes the hashing pool: its threads
         * and the memory that imported hashes reserve beside them.
         */
        @WithDefault("96")
        int heapReserveMib();

        /**
         * {@code auth.password.request-threads}: threads for the requests that check or set a
         * password (they wait on the captcha provider and the hashing pool); 0 means four per
         * core, at least four.
         */
        @WithDefault("0")
        int requestThreads();

        /**
         * {@code auth.password.max-queued}: such requests waiting for a thread; past it a request
         * gets 503 {@code overloaded} at once.
         */
        @WithDefault("128")
        int maxQueued();

        /**
         * {@code auth.password.max-waiting-answers}: answers to failed password checks held back
         * at once, on a timer, to reach the failed-check floor; past it the request's thread
         * waits instead (and a flood backs up into {@code max-queued}).
         */
        @WithDefault("1024")
        int maxWaitingAnswers();

        /**
         * {@code auth.password.cost-refresh}: how often each instance reads the kinds of hash
         * stored, to make every failed password check cost what checking the dearest costs.
         */
        @WithDefault("60s")
        String costRefresh();

        /**
         * {@code auth.password.warm-up}: at start, one hash runs in the background on the hashing
         * pool, so the first sign-in finds the Argon2 code compiled and a pool thread's memory
         * allocated.
         */
        @WithDefault("true")
        boolean warmUp();
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
