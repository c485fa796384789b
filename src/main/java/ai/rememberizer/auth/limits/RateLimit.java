package ai.rememberizer.auth.limits;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import ai.rememberizer.auth.config.AuthConfig;

/**
 * Every abuse limit: the key prefix of its counters in {@code rate_limits}, its maximum and
 * its window (both from {@code auth.limits.*}). A counter's key is
 * {@code <prefix>:<subject>}, the subject being an account, a login or a client address.
 */
public enum RateLimit {
    /** Failed sign-ins for one login (known or not, so the limit reveals nothing). */
    SIGNIN_FAILURES_PER_ACCOUNT("signin-account", AuthConfig.Limits::signinFailuresPerAccount, AuthConfig.Limits::signinWindow),
    /** Failed sign-ins from one client address. */
    SIGNIN_FAILURES_PER_ADDRESS("signin-address", AuthConfig.Limits::signinFailuresPerAddress, AuthConfig.Limits::signinWindow),
    /** Sign-ups from one client address, taken addresses included. */
    SIGNUPS_PER_ADDRESS("signup-address", AuthConfig.Limits::signupsPerAddress, AuthConfig.Limits::signupWindow),
    /** Code mails per account: one per interval... */
    CODE_MAIL_INTERVAL("code-mail-interval", limits -> 1, AuthConfig.Limits::codeMailInterval),
    /** ...and so many per hour. */
    CODE_MAILS_PER_HOUR("code-mail-hour", AuthConfig.Limits::codeMailsPerHour, limits -> Duration.ofHours(1));

    private final String prefix;
    private final ToIntFunction<AuthConfig.Limits> maximum;
    private final Function<AuthConfig.Limits, Duration> window;

    RateLimit(String prefix, ToIntFunction<AuthConfig.Limits> maximum, Function<AuthConfig.Limits, Duration> window) {
        this.prefix = prefix;
        this.maximum = maximum;
        this.window = window;
    }

    /** The counter of one subject. */
    public String key(Object subject) {
        return prefix + ":" + subject;
    }

    public int maximum(AuthConfig.Limits limits) {
        return maximum.applyAsInt(limits);
    }

    public Duration window(AuthConfig.Limits limits) {
        return window.apply(limits);
    }

    /** The longest window of all: a counter row older than that counts nothing any more. */
    public static Duration longestWindow(AuthConfig.Limits limits) {
        return Arrays.stream(values()).map(limit -> limit.window(limits)).max(Duration::compareTo).orElseThrow();
    }
}
