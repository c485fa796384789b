package ai.rememberizer.auth.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The providers by the contract's environment names, with the presets' fixed parts and each refusal named. */
class SocialProvidersTest {

    private static Config env(Map<String, String> variables) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300)).build();
    }

    private static Map<String, String> google() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_SOCIAL_PROVIDERS", "google, github,corp-sso");
        env.put("AUTH_SOCIAL_GOOGLE_CLIENT_ID", "g-id");
        env.put("AUTH_SOCIAL_GOOGLE_CLIENT_SECRET", "g-secret");
        env.put("AUTH_SOCIAL_GITHUB_CLIENT_ID", "gh-id");
        env.put("AUTH_SOCIAL_GITHUB_CLIENT_SECRET", "gh-secret");
        env.put("AUTH_SOCIAL_CORP_SSO_CLIENT_ID", "c-id");
        env.put("AUTH_SOCIAL_CORP_SSO_CLIENT_SECRET", "c-secret");
        env.put("AUTH_SOCIAL_CORP_SSO_ISSUER", "http://127.0.0.1:8180/realms/corp");
        env.put("AUTH_SOCIAL_CORP_SSO_NAME", "Corp SSO");
        return env;
    }

    @Test
    void presetsAndAGenericProviderFromTheEnvironment() {
        List<SocialProviders.Provider> providers = SocialProviders.from(env(google()));
        assertThat(providers).extracting(SocialProviders.Provider::id).containsExactly("google", "github", "corp-sso");
        SocialProviders.Provider google = providers.get(0);
        assertThat(google.kind()).isEqualTo(SocialProviders.Kind.OIDC);
        assertThat(google.issuer()).contains(SocialProviders.GOOGLE_ISSUER);
        assertThat(google.scopes()).containsExactly("openid", "email", "profile");
        assertThat(google.clientId()).isEqualTo("g-id");
        assertThat(google.toString()).doesNotContain("g-secret");
        SocialProviders.Provider github = providers.get(1);
        assertThat(github.kind()).isEqualTo(SocialProviders.Kind.GITHUB);
        assertThat(github.issuer()).isEmpty();
        assertThat(github.scopes()).containsExactly("read:user", "user:email");
        SocialProviders.Provider corp = providers.get(2);
        assertThat(corp.name()).isEqualTo("Corp SSO");
        assertThat(corp.issuer().orElseThrow()).hasPort(8180);
    }

    @Test
    void noProvidersIsNoneAtAll() {
        assertThat(SocialProviders.from(env(Map.of()))).isEmpty();
        assertThat(SocialProviders.from(env(Map.of("AUTH_SOCIAL_PROVIDERS", " , ")))).isEmpty();
    }

    @Test
    void eachWrongSettingStopsTheStartWithItsName() {
        refused(change(e -> e.remove("AUTH_SOCIAL_GOOGLE_CLIENT_SECRET")), "AUTH_SOCIAL_GOOGLE_CLIENT_SECRET");
        refused(change(e -> e.put("AUTH_SOCIAL_GOOGLE_ISSUER", "https://evil.example")), "AUTH_SOCIAL_GOOGLE_ISSUER");
        refused(change(e -> e.put("AUTH_SOCIAL_CORP_SSO_ISSUER", "http://idp.example")), "AUTH_SOCIAL_CORP_SSO_ISSUER");
        refused(change(e -> e.remove("AUTH_SOCIAL_CORP_SSO_ISSUER")), "AUTH_SOCIAL_CORP_SSO_ISSUER");
        refused(change(e -> e.put("AUTH_SOCIAL_CORP_SSO_SCOPES", "email profile")), "AUTH_SOCIAL_CORP_SSO_SCOPES");
        refused(change(e -> e.put("AUTH_SOCIAL_CORP_SSO_SCOPES", "openid \"email\"")), "AUTH_SOCIAL_CORP_SSO_SCOPES");
        refused(change(e -> e.put("AUTH_SOCIAL_PROVIDERS", "google,google")), "AUTH_SOCIAL_PROVIDERS");
        refused(change(e -> e.put("AUTH_SOCIAL_PROVIDERS", "Google")), "AUTH_SOCIAL_PROVIDERS");
        refused(change(e -> e.put("AUTH_SOCIAL_PROVIDERS", "a".repeat(33))), "AUTH_SOCIAL_PROVIDERS");
    }

    private static Map<String, String> change(java.util.function.Consumer<Map<String, String>> edit) {
        Map<String, String> env = google();
        edit.accept(env);
        return env;
    }

    private static void refused(Map<String, String> env, String setting) {
        assertThatThrownBy(() -> SocialProviders.from(env(env))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(setting).satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret\"", "g-secret"));
    }

    @Test
    void theEnvironmentVariableOfASetting() {
        assertThat(SocialProviders.env("corp-sso", "client-id")).isEqualTo("AUTH_SOCIAL_CORP_SSO_CLIENT_ID");
        assertThat(Optional.of(SocialProviders.env("google", "issuer"))).contains("AUTH_SOCIAL_GOOGLE_ISSUER");
    }
}
