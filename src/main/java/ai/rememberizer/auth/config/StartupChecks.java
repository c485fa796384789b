package ai.rememberizer.auth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import io.quarkus.runtime.StartupEvent;

/**
 * Settings that would silently weaken the service stop the start, with a message naming
 * them: a wildcard CORS origin (credentials are on: any site could call with the user's
 * cookies, and the {@code Origin} rule would let it), and real mail with no mail server
 * configured. (Keys are checked by {@code SigningKeys}, the data secret by {@code DataKeys}.)
 */
@ApplicationScoped
public class StartupChecks {

    void check(@Observes StartupEvent event) {
        List<String> problems = problems(ConfigProvider.getConfig());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join(" ", problems));
        }
    }

    static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<List<String>> origins = config.getOptionalValues("quarkus.http.cors.origins", String.class);
        if (origins.isPresent() && origins.get().stream().anyMatch(o -> o.trim().equals("*") || o.trim().equals("/.*/"))) {
            problems.add("QUARKUS_HTTP_CORS_ORIGINS holds a wildcard, and credentialed CORS is on: list your web apps' "
                    + "origins instead.");
        }
        boolean mock = config.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false);
        ConfigValue host = config.getConfigValue("quarkus.mailer.host");
        if (!mock && !isSet(host)) {
            problems.add("QUARKUS_MAILER_HOST is not set: codes could not be mailed. Set the SMTP server "
                    + "(QUARKUS_MAILER_HOST, _PORT, _USERNAME, _PASSWORD).");
        }
        return problems;
    }

    /** Set by the deployment (or the profile), not a built-in default. */
    private static boolean isSet(ConfigValue value) {
        return value.getRawValue() != null && !value.getRawValue().isBlank() && value.getSourceOrdinal() > 100;
    }
}
