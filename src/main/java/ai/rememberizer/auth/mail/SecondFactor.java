package ai.rememberizer.auth.mail;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A kind of second factor, as a notice names it. The words are ours, fixed per kind: a mail
 * never carries a name a client chose for its authenticator or passkey, since it may reach an
 * address whose owner never asked for it.
 */
@RegisterForReflection
public enum SecondFactor {

    AUTHENTICATOR_APP("an authenticator app"),
    PASSKEY("a passkey");

    private final String words;

    SecondFactor(String words) {
        this.words = words;
    }

    /** The factor as a sentence names it, lower case with its article ("an authenticator app"). */
    public String words() {
        return words;
    }
}
