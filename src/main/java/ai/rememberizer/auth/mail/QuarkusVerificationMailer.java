package ai.rememberizer.auth.mail;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The code mail, text and HTML from Qute templates, sent with the Quarkus Mailer ({@code quarkus.mailer.*}). */
@ApplicationScoped
@DefaultBean
public class QuarkusVerificationMailer implements VerificationMailer {

    static final String SUBJECT = "Your Rememberizer verification code";

    private final Mailer mailer;
    private final Template text;
    private final Template html;
    private final long validMinutes;

    QuarkusVerificationMailer(Mailer mailer, @Location("mail/verification.txt") Template text,
            @Location("mail/verification.html") Template html, AuthConfig config) {
        this.mailer = mailer;
        this.text = text;
        this.html = html;
        this.validMinutes = config.verification().codeTtl().toMinutes();
    }

    @Override
    public void sendVerificationCode(String to, String name, String code) {
        var data = java.util.Map.<String, Object> of("name", name, "code", code, "minutes", validMinutes);
        mailer.send(Mail.withText(to, SUBJECT, text.data(data).render()).setHtml(html.data(data).render()));
    }
}
