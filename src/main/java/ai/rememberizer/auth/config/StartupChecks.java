package ai.rememberizer.auth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Settings that would silently weaken the service stop the start, with a message naming
 * them: a CORS origin that lets a foreign site in (a wildcard, or a pattern that accepts
 * {@code https://attacker.invalid}: credentials are on, so that site could call with the
 * user's cookies, and the {@code Origin} rule would let it), real mail with no mail server.
 * In production also: the mock mailer (it logs mail bodies,
 * codes included), and proxy forwarding without trusted proxies (any client could then name
 * its own address). Weaker settings that have their uses get a warning: non-{@code Secure}
 * cookies. (The disabled captcha warns where it is made; keys are checked by
 * {@code SigningKeys}, the data secret by {@code DataKeys}, the proxy ranges by
 * {@code ClientAddresses}.)
 */
@ApplicationScoped
public class StartupChecks {

    private static final Logger LOG = Logger.getLogger(StartupChecks.class);
    /** Origins no CORS setting may accept: a site of nobody's, and the opaque origin of sandboxed frames and files. */
    private static final List<String> FOREIGN_ORIGINS = List.of("https://attacker.invalid", "http://attacker.invalid",
            "https://attacker.invalid:8443", "null");

    void check(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        boolean production = LaunchMode.current() == LaunchMode.NORMAL;
        List<String> problems = problems(config, production);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join(" ", problems));
        }
        if (production) {
            warnings(config).forEach(LOG::warn);
        }
    }

    static List<String> problems(Config config, boolean production) {
        List<String> problems = new ArrayList<>();
        List<String> origins = config.getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of());
        if (origins.stream().anyMatch(origin -> origin.trim().equals("*") || acceptsForeignOrigin(origin.trim()))) {
            problems.add("QUARKUS_HTTP_CORS_ORIGINS holds a wildcard or a pattern that accepts a foreign origin (such as "
                    + "https://attacker.invalid), and credentialed CORS is on: list your web apps' origins instead.");
        }
        boolean mock = config.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false);
        ConfigValue host = config.getConfigValue("quarkus.mailer.host");
        if (!mock && !isSet(host)) {
            problems.add("QUARKUS_MAILER_HOST is not set: codes could not be mailed. Set the SMTP server "
                    + "(QUARKUS_MAILER_HOST, _PORT, _USERNAME, _PASSWORD).");
        }
        if (production) {
            if (mock) {
                problems.add("QUARKUS_MAILER_MOCK=true in production: mail would only be logged, codes included. "
                        + "Set QUARKUS_MAILER_HOST and leave QUARKUS_MAILER_MOCK unset.");
            }
            boolean forwarding = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false);
            Optional<List<String>> trusted = config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class);
            if (forwarding && trusted.map(List::isEmpty).orElse(true)) {
                problems.add("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true without QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: "
                        + "any client could name its own address. List the proxies that connect to the service.");
            }
        }
        return problems;
    }

    static List<String> warnings(Config config) {
        List<String> warnings = new ArrayList<>();
        if (!config.getOptionalValue("auth.cookie.secure", Boolean.class).orElse(true)) {
            warnings.add("AUTH_COOKIE_SECURE=false: the refresh and access cookies also travel over plain HTTP. "
                    + "Never run production like this.");
        }
        return warnings;
    }

    /** A {@code /regex/} entry (Quarkus's form) that accepts an origin of nobody's, or does not compile. */
    private static boolean acceptsForeignOrigin(String origin) {
        if (origin.length() < 2 || !origin.startsWith("/") || !origin.endsWith("/")) {
            return false;
        }
        try {
            Pattern pattern = Pattern.compile(origin.substring(1, origin.length() - 1));
            return FOREIGN_ORIGINS.stream().anyMatch(foreign -> pattern.matcher(foreign).matches());
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    /** Set by the deployment (or the profile), not a built-in default. */
    private static boolean isSet(ConfigValue value) {
        return value.getRawValue() != null && !value.getRawValue().isBlank() && value.getSourceOrdinal() > 100;
    }
}
