package ai.rememberizer.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/** What production gets from {@code application.properties}, and the settings it refuses to start with. */
class ProductionDefaultsTest {

    private static SmallRyeConfig production(Map<String, String> environment) throws IOException {
        URL properties = ProductionDefaultsTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new MapBackedConfigSource("environment", environment, 300) {
                })
                .build();
    }

    @Test
    void mailGoesOutWithStarttlsRequiredUnlessConfiguredOtherwise() throws IOException {
        assertThat(production(Map.of()).getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("REQUIRED");
        assertThat(production(Map.of("quarkus.mailer.start-tls", "DISABLED")).getValue("quarkus.mailer.start-tls", String.class))
                .isEqualTo("DISABLED");
    }

    @Test
    void theOpenApiDocumentIsServedOnlyWhenTheSettingSaysSo() throws IOException {
        assertThat(production(Map.of()).getValue("quarkus.smallrye-openapi.enabled", Boolean.class)).isFalse();
        assertThat(production(Map.of("AUTH_OPENAPI_PUBLIC", "true")).getValue("quarkus.smallrye-openapi.enabled", Boolean.class))
                .isTrue();
        // Never moved to the management interface, where the setting would not reach it.
        assertThat(production(Map.of()).getValue("quarkus.smallrye-openapi.management.enabled", Boolean.class)).isFalse();
    }

    @Test
    void aWildcardCorsOriginStopsTheStart() throws IOException {
        List<String> problems = StartupChecks.problems(production(Map.of("quarkus.http.cors.origins", "https://app.example.com,*",
                "quarkus.mailer.host", "smtp.example.com")), true);
        assertThat(problems).singleElement().asString().contains("QUARKUS_HTTP_CORS_ORIGINS");
        assertThat(StartupChecks.problems(production(Map.of("quarkus.http.cors.origins", "https://app.example.com",
                "quarkus.mailer.host", "smtp.example.com")), true)).isEmpty();
    }

    @Test
    void realMailWithoutAMailServerStopsTheStart() throws IOException {
        assertThat(StartupChecks.problems(production(Map.of()), true)).singleElement().asString().contains("QUARKUS_MAILER_HOST");
        assertThat(StartupChecks.problems(production(Map.of("quarkus.mailer.host", "smtp.example.com")), true)).isEmpty();
    }

    @Test
    void theMockMailerStopsAProductionStart() throws IOException {
        // It logs every mail body, reset codes included.
        assertThat(StartupChecks.problems(production(Map.of("quarkus.mailer.mock", "true")), true)).singleElement().asString()
                .contains("QUARKUS_MAILER_MOCK");
        // Dev mode prints mail to the console on purpose.
        assertThat(StartupChecks.problems(production(Map.of("quarkus.mailer.mock", "true")), false)).isEmpty();
    }

    @Test
    void aCorsPatternThatAcceptsAForeignOriginStopsTheStart() throws IOException {
        for (String pattern : List.of("/.+/", "/https?://.*/", "/https://.*\\.?attacker.*/", "/.*invalid/", "/[/", "/null|https://app\\.example\\.com/")) {
            assertThat(StartupChecks.problems(production(Map.of("quarkus.http.cors.origins", "https://app.example.com," + pattern,
                    "quarkus.mailer.host", "smtp.example.com")), true)).as(pattern).singleElement().asString()
                    .contains("QUARKUS_HTTP_CORS_ORIGINS");
        }
        // A pattern for one's own subdomains is fine.
        assertThat(StartupChecks.problems(production(Map.of("quarkus.http.cors.origins", "/https://[a-z0-9-]+\\.example\\.com/",
                "quarkus.mailer.host", "smtp.example.com")), true)).isEmpty();
    }

    @Test
    void forwardingWithoutTrustedProxiesStopsAProductionStart() throws IOException {
        Map<String, String> forwarding = Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true", "quarkus.mailer.host", "smtp.example.com");
        assertThat(StartupChecks.problems(production(forwarding), true)).singleElement().asString()
                .contains("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
        Map<String, String> trusted = new java.util.HashMap<>(forwarding);
        trusted.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        assertThat(StartupChecks.problems(production(trusted), true)).isEmpty();
    }

    @Test
    void plainHttpCookiesAreWarnedOf() throws IOException {
        assertThat(StartupChecks.warnings(production(Map.of()))).isEmpty();
        assertThat(StartupChecks.warnings(production(Map.of("auth.cookie.secure", "false")))).singleElement().asString()
                .contains("AUTH_COOKIE_SECURE=false");
    }
}
