package ai.rememberizer.auth.mail;

/**
 * A mail that will never go out as it is: the server refused it for good (an SMTP 5xx), or
 * the address cannot even be written into a mail. An {@link AccountMailer} throws it so the
 * outbox drops the mail at once instead of retrying it.
 */
public class PermanentMailFailure extends RuntimeException {

    public PermanentMailFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
