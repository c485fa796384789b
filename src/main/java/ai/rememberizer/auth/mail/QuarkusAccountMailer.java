package ai.rememberizer.auth.mail;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.vertx.ext.mail.SMTPException;

/**
 * The mails as text and HTML from type-safe Qute templates ({@code templates/mail/*}: a
 * placeholder the method does not declare fails the build), sent with the Quarkus Mailer
 * ({@code quarkus.mailer.*}).
 */
@ApplicationScoped
@DefaultBean
public class QuarkusAccountMailer implements AccountMailer {

    static final String VERIFICATION_SUBJECT = "Your Rememberizer verification code";
    static final String RESET_SUBJECT = "Your Rememberizer password reset code";
    static final String PASSWORD_CHANGED_SUBJECT = "Your Rememberizer password was changed";
    static final String EMAIL_CHANGE_SUBJECT = "Confirm your new Rememberizer e-mail address";
    static final String EMAIL_CHANGED_SUBJECT = "Your Rememberizer e-mail address was changed";
    static final String SECOND_FACTOR_ADDED_SUBJECT = "A second factor was added to your Rememberizer account";
    static final String SECOND_FACTOR_REMOVED_SUBJECT = "A second factor was removed from your Rememberizer account";
    static final String RECOVERY_CODE_USED_SUBJECT = "A Rememberizer recovery code was used";
    static final String RECOVERY_CODES_REPLACED_SUBJECT = "New Rememberizer recovery codes were made";

    /** At or below this many recovery codes left, the notice asks for new ones now. */
    static final int FEW_RECOVERY_CODES = 3;

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native MailTemplateInstance verification(String code, long minutes);

        static native MailTemplateInstance reset(String code, long minutes);

        static native MailTemplateInstance passwordChanged();

        static native MailTemplateInstance emailChange(String code, long minutes);

        static native MailTemplateInstance emailChanged();

        static native MailTemplateInstance secondFactorAdded(SecondFactor factor);

        static native MailTemplateInstance secondFactorRemoved(SecondFactor factor);

        static native MailTemplateInstance recoveryCodeUsed(int remaining, boolean few);

        static native MailTemplateInstance recoveryCodesReplaced();
    }

    private final long validMinutes;
    private final Duration timeout;

    QuarkusAccountMailer(AuthConfig config) {
        this.validMinutes = config.verification().codeTtl().toMinutes();
        this.timeout = config.outbox().sendTimeout();
    }

    @Override
    public void sendVerificationCode(String to, String code) {
        send(Templates.verification(code, validMinutes), to, VERIFICATION_SUBJECT);
    }

    @Override
    public void sendResetCode(String to, String code) {
        send(Templates.reset(code, validMinutes), to, RESET_SUBJECT);
    }

    @Override
    public void sendPasswordChanged(String to) {
        send(Templates.passwordChanged(), to, PASSWORD_CHANGED_SUBJECT);
    }

    @Override
    public void sendEmailChangeCode(String to, String code) {
        send(Templates.emailChange(code, validMinutes), to, EMAIL_CHANGE_SUBJECT);
    }

    @Override
    public void sendEmailChanged(String to) {
        send(Templates.emailChanged(), to, EMAIL_CHANGED_SUBJECT);
    }

    @Override
    public void sendSecondFactorAdded(String to, SecondFactor factor) {
        send(Templates.secondFactorAdded(factor), to, SECOND_FACTOR_ADDED_SUBJECT);
    }

    @Override
    public void sendSecondFactorRemoved(String to, SecondFactor factor) {
        send(Templates.secondFactorRemoved(factor), to, SECOND_FACTOR_REMOVED_SUBJECT);
    }

    @Override
    public void sendRecoveryCodeUsed(String to, int remaining) {
        send(Templates.recoveryCodeUsed(remaining, remaining <= FEW_RECOVERY_CODES), to, RECOVERY_CODE_USED_SUBJECT);
    }

    @Override
    public void sendRecoveryCodesReplaced(String to) {
        send(Templates.recoveryCodesReplaced(), to, RECOVERY_CODES_REPLACED_SUBJECT);
    }

    private void send(MailTemplateInstance mail, String to, String subject) {
        try {
            // Bounded: a connection to a mail server that went away can otherwise hang forever.
            mail.to(to).subject(subject).send().await().atMost(timeout);
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    /** An SMTP 5xx, or an address the mail client cannot write, is permanent; anything else is worth a retry. */
    static RuntimeException classify(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp && smtp.isPermanent()) {
                return new PermanentMailFailure("SMTP " + smtp.getReplyCode(), e);
            }
            if (cause instanceof IllegalArgumentException) {
                return new PermanentMailFailure("unusable address", e);
            }
        }
        return e;
    }
}
