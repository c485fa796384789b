package ai.rememberizer.auth.mail;

/**
 * Sends the service's mails. The default sends through the Quarkus Mailer with type-safe Qute
 * templates; a deployment replaces every mail at once by providing its own bean of this type.
 * Called by the outbox sender, never from a request: it may block, and a failure is retried.
 * Mails carry no text a client chose: they may go to an address whose owner never asked for
 * them.
 *
 * <p>Each method throws {@link PermanentMailFailure} when the mail can never be delivered (it
 * is dropped), and any other exception when it could not be handed to the mail server now (it
 * is retried).
 */
public interface AccountMailer {

    /** The code that verifies the account's address. */
    void sendVerificationCode(String to, String code);

    /** The code that resets a forgotten password. */
    void sendResetCode(String to, String code);

    /** The notice that the account's password was changed (or reset). */
    void sendPasswordChanged(String to);

    /** The code that confirms a new address, sent to the new address. */
    void sendEmailChangeCode(String to, String code);

    /** The notice, to the old address, that the account's address was changed. */
    void sendEmailChanged(String to);

    /** The notice that a second factor was added to the account (and every other session signed out). */
    void sendSecondFactorAdded(String to, SecondFactor factor);

    /** The notice that a second factor was removed from the account (and every other session signed out). */
    void sendSecondFactorRemoved(String to, SecondFactor factor);

    /** The notice that a recovery code was used to sign in, with how many the account has left. */
    void sendRecoveryCodeUsed(String to, int remaining);

    /** The notice that the account's recovery codes were replaced (the old ones no longer work). */
    void sendRecoveryCodesReplaced(String to);
}
