package ai.rememberizer.auth.verification;

import java.util.Locale;

/** What a one-time code proves; a code of one purpose never serves another. */
public enum Purpose {
    /** The account's own address (keyed by the account). */
    VERIFY_EMAIL,
    /** A forgotten password (keyed by the address, whether or not an account has it). */
    RESET_PASSWORD,
    /** A new address for the account (keyed by the account; the new address waits with the code). */
    CHANGE_EMAIL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
