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
                "quarkus.mailer.host", "smtp.example.com")));
        assertThat(problems).singleElement().asString().contains("QUARKUS_HTTP_CORS_ORIGINS");
        assertThat(StartupChecks.problems(production(Map.of("quarkus.http.cors.origins", "https://app.example.com",
                "quarkus.mailer.host", "smtp.example.com")))).isEmpty();
    }

    @Test
    void realMailWithoutAMailServerStopsTheStart() throws IOException {
        assertThat(StartupChecks.problems(production(Map.of()))).singleElement().asString().contains("QUARKUS_MAILER_HOST");
        assertThat(StartupChecks.problems(production(Map.of("quarkus.mailer.mock", "true")))).isEmpty();
    }
}
