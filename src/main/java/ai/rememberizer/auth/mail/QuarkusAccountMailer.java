package ai.rememberizer.auth.mail;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/**
 * The mails as text and HTML from type-safe Qute templates ({@code templates/mail/*}: a
 * placeholder the method does not declare fails the build), sent with the Quarkus Mailer
 * ({@code quarkus.mailer.*}).
 */
@ApplicationScoped
@DefaultBean
public class QuarkusAccountMailer implements AccountMailer {

    static final String VERIFICATION_SUBJECT = "Your Rememberizer verification code";

    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native MailTemplateInstance verification(String name, String code, long minutes);
    }

    private final long validMinutes;
    private final Duration timeout;

    QuarkusAccountMailer(AuthConfig config) {
        this.validMinutes = config.verification().codeTtl().toMinutes();
        this.timeout = config.outbox().sendTimeout();
    }

    @Override
    public void sendVerificationCode(String to, String name, String code) {
        // Bounded: a connection to a mail server that went away can otherwise hang forever.
        Templates.verification(name, code, validMinutes).to(to).subject(VERIFICATION_SUBJECT).send().await().atMost(timeout);
    }
}
