package ai.rememberizer.auth.mail;

/**
 * Sends the service's mails. The default sends through the Quarkus Mailer with Qute
 * templates; a deployment replaces every mail at once by providing its own bean of this
 * type. Called by the outbox sender, never from a request: it may block, and a failure is
 * retried.
 */
public interface AccountMailer {

    /** Sends the e-mail verification code, or throws if the mail could not be handed to the mail server. */
    void sendVerificationCode(String to, String name, String code);
}
