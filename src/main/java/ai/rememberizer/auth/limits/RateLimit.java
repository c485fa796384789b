package ai.rememberizer.auth.limits;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import ai.rememberizer.auth.config.AuthConfig.Limits;
import ai.rememberizer.auth.crypto.Sha256;

/**
 * Every abuse limit: the key prefix of its counters in {@code rate_limits}, its maximum and
 * its window (both from {@code auth.limits.*}). A counter's key is
 * {@code <prefix>:<subject>}: an account id, a client address's limit key, or, for a login
 * typed by a client, the SHA-256 of its lower-case form (fixed length whatever was typed, and
 * no address stored in clear).
 */
public enum RateLimit {
    /** Requests from one client address that would call the captcha provider (checked before it). */
    CAPTCHA_CHECKS_PER_ADDRESS("captcha-address", Limits::captchaChecksPerAddress, Limits::captchaCheckWindow, false),
    /** Sign-in attempts for one login (known or not, so the limit reveals nothing); a success clears them. */
    SIGNIN_FAILURES_PER_ACCOUNT("signin-account", Limits::signinFailuresPerAccount, Limits::signinWindow, true),
    /** Failed sign-in attempts from one client address. */
    SIGNIN_FAILURES_PER_ADDRESS("signin-address", Limits::signinFailuresPerAddress, Limits::signinWindow, false),
    /** Second-step codes tried for one account (its id), right or wrong, counted before checking; a success takes its count back. */
    MFA_FAILURES_PER_ACCOUNT("mfa-account", Limits::mfaFailuresPerAccount, Limits::mfaWindow, false),
    /** ...and per day. */
    MFA_FAILURES_PER_ACCOUNT_DAY("mfa-account-day", Limits::mfaFailuresPerAccountPerDay, limits -> Duration.ofDays(1), false),
    /** Sign-ups from one client address, taken addresses included. */
    SIGNUPS_PER_ADDRESS("signup-address", Limits::signupsPerAddress, Limits::signupWindow, false),
    /** Password-reset requests from one client address. */
    RESETS_PER_ADDRESS("reset-address", Limits::resetsPerAddress, Limits::resetWindow, false),
    /**
     * Code mails (verification, reset, address change) per account, and per mailbox for each
     * requesting client (its share): one per interval... (the subject is an account id, or a
     * mailbox's key and the client's {@linkplain ClientAddress#widestKey() widest key}, hashed)
     */
    CODE_MAIL_INTERVAL("code-mail-interval", limits -> 1, Limits::codeMailInterval, true),
    /** ...so many per hour... */
    CODE_MAILS_PER_HOUR("code-mail-hour", Limits::codeMailsPerHour, limits -> Duration.ofHours(1), true),
    /** ...and so many per day. */
    CODE_MAILS_PER_DAY("code-mail-day", Limits::codeMailsPerDay, limits -> Duration.ofDays(1), true),
    /** Code mails per mailbox (its key, hashed), whoever asked: so many per hour... */
    CODE_MAILS_PER_MAILBOX_HOUR("code-mail-mailbox-hour", Limits::codeMailsPerMailboxPerHour, limits -> Duration.ofHours(1), true),
    /** ...and so many per day. */
    CODE_MAILS_PER_MAILBOX_DAY("code-mail-mailbox-day", Limits::codeMailsPerMailboxPerDay, limits -> Duration.ofDays(1), true),
    /** Reset codes tried for one address by one client (the address's key and the client's widest key, hashed), per day. */
    RESET_GUESSES_PER_CLIENT("reset-guess-client", Limits::resetGuessesPerClient, limits -> Duration.ofDays(1), true),
    /** Reset codes tried for one address (its key, hashed), from every client together, per day. */
    RESET_GUESSES_PER_MAILBOX("reset-guess-mailbox", Limits::resetGuessesPerMailbox, limits -> Duration.ofDays(1), true),
    /**
     * Tries at one reset code (its entry's key and when it was issued, hashed) from clients other
     * than the one that asked for it; the window only needs to outlive the code.
     */
    RESET_FOREIGN_GUESSES("reset-guess-foreign", Limits::resetForeignGuessesPerCode, limits -> Duration.ofDays(1), true);

    /** The limits that count code mails per account, and per mailbox for each requesting client. */
    public static final List<RateLimit> CODE_MAILS = List.of(CODE_MAIL_INTERVAL, CODE_MAILS_PER_HOUR, CODE_MAILS_PER_DAY);

    /** The limits that count second-step codes per account. */
    public static final List<RateLimit> MFA_TRIES = List.of(MFA_FAILURES_PER_ACCOUNT, MFA_FAILURES_PER_ACCOUNT_DAY);

    /** The limits that count code mails per mailbox, whoever asked. */
    public static final List<RateLimit> CODE_MAILS_PER_MAILBOX = List.of(CODE_MAILS_PER_MAILBOX_HOUR, CODE_MAILS_PER_MAILBOX_DAY);

    private final String prefix;
    private final ToIntFunction<Limits> maximum;
    private final Function<Limits, Duration> window;
    private final boolean hashed;

    RateLimit(String prefix, ToIntFunction<Limits> maximum, Function<Limits, Duration> window, boolean hashed) {
        this.prefix = prefix;
        this.maximum = maximum;
        this.window = window;
        this.hashed = hashed;
    }

    /** The counter of one subject. */
    public String key(Object subject) {
        return prefix + ":" + (hashed ? Sha256.hex(subject.toString()) : subject);
    }

    public int maximum(Limits limits) {
        return maximum.applyAsInt(limits);
    }

    public Duration window(Limits limits) {
        return window.apply(limits);
    }

    /** The longest window of all: a counter row older than that counts nothing any more. */
    public static Duration longestWindow(Limits limits) {
        return Arrays.stream(values()).map(limit -> limit.window(limits)).max(Duration::compareTo).orElseThrow();
    }
}
