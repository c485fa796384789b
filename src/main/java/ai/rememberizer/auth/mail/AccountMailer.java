package ai.rememberizer.auth.mail;

/**
 * Sends the service's mails. The default sends through the Quarkus Mailer with Qute
 * templates; a deployment replaces every mail at once by providing its own bean of this
 * type. Called by the outbox sender, never from a request: it may block, and a failure is
 * retried.
 */
public interface AccountMailer {

    /**
     * Sends the e-mail verification code. Mails carry no text a client chose: they may go to
     * an address whose owner never asked for them.
     *
     * @throws PermanentMailFailure when the mail can never be delivered (it is dropped)
     * @throws RuntimeException when it could not be handed to the mail server now (it is retried)
     */
    void sendVerificationCode(String to, String code);
}
