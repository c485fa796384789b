package ai.rememberizer.auth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) for the whole test run, on a fixed free port so a test can
 * stop it and start it again to play a mail server outage.
 */
public class MailServer implements QuarkusTestResourceLifecycleManager {

    private static final Pattern CODE = Pattern.compile("is:\\s*(\\d{6})");
    private static int port;
    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.from", "Rememberizer <no-reply@rememberizer.test>");
    }

    @Override
    public void stop() {
        stopServer();
    }

    public static synchronized void startServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static synchronized void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Mails received for one address so far. */
    public static synchronized List<MimeMessage> mailsTo(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> isFor(m, address)).toList();
    }

    /** Waits for the n-th mail to an address and returns it. */
    public static MimeMessage awaitMail(String address, int n, Duration timeout) {
        return await("mail #" + n + " to " + address).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(address), mails -> mails.size() >= n).get(n - 1);
    }

    /** The code in the n-th mail to an address. */
    public static String awaitCode(String address, int n) {
        return codeIn(awaitMail(address, n, Duration.ofSeconds(15)), address);
    }

    /** The mails to an address whose subject contains {@code subject}. */
    public static List<MimeMessage> mailsTo(String address, String subject) {
        return mailsTo(address).stream().filter(m -> subjectOf(m).contains(subject)).toList();
    }

    /** Waits for the n-th mail to an address whose subject contains {@code subject}. */
    public static MimeMessage awaitMail(String address, String subject, int n) {
        return await("mail #" + n + " '" + subject + "' to " + address).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100)).until(() -> mailsTo(address, subject), mails -> mails.size() >= n).get(n - 1);
    }

    /** The code in the n-th mail to an address whose subject contains {@code subject}. */
    public static String awaitCode(String address, String subject, int n) {
        return codeIn(awaitMail(address, subject, n), address);
    }

    /** Reset codes, from the reset mails. */
    public static String awaitResetCode(String address, int n) {
        return awaitCode(address, "password reset code", n);
    }

    private static String codeIn(MimeMessage mail, String address) {
        Matcher matcher = CODE.matcher(GreenMailUtil.getBody(mail));
        if (!matcher.find()) {
            throw new AssertionError("No 6-digit code in the mail to " + address);
        }
        return matcher.group(1);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            return "";
        }
    }

    private static boolean isFor(MimeMessage message, String address) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
