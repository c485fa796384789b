package ai.rememberizer.auth.mail;

/**
 * Sends the verification code mail. The default sends through the Quarkus Mailer; a
 * deployment swaps it by providing its own bean of this type. Called by the outbox sender,
 * never from a request: it may block, and a failure is retried.
 */
public interface VerificationMailer {

    /** Sends, or throws if the mail could not be handed to the mail server. */
    void sendVerificationCode(String to, String name, String code);
}
