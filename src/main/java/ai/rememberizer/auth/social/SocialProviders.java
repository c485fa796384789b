package ai.rememberizer.auth.social;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * The social providers of the configuration, by the contract's names: {@code AUTH_SOCIAL_PROVIDERS}
 * (ids, e.g. {@code google,github,corp}) and, for each id, {@code AUTH_SOCIAL_<ID>_CLIENT_ID},
 * {@code _CLIENT_SECRET}, {@code _ISSUER} and {@code _SCOPES} (and {@code _NAME}, what a sign-in
 * button says). {@code google} and {@code github} are presets: their issuer (Google's OpenID
 * Connect discovery; GitHub's OAuth 2.0 endpoints and e-mail API) is fixed. Any other id is a
 * generic OpenID Connect provider found by discovery at its issuer. A setting that is missing or
 * wrong stops the start with its name.
 */
public final class SocialProviders {

    /** How the service talks to a provider. */
    public enum Kind {
        /** OpenID Connect: discovery, an ID token checked against the JWKS. */
        OIDC,
        /** GitHub: OAuth 2.0, the identity and the primary verified address from its API. */
        GITHUB
    }

    /** One provider, ready to use. The client secret never shows in {@link #toString()}. */
    public record Provider(String id, String name, Kind kind, Optional<URI> issuer, String clientId, String clientSecret,
            List<String> scopes) {
        @Override
        public String toString() {
            return "Provider[id=" + id + ", kind=" + kind + ", issuer=" + issuer.map(URI::toString).orElse("-") + "]";
        }
    }

    static final URI GOOGLE_ISSUER = URI.create("https://accounts.google.com");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"); // RFC 6749 3.3

    private SocialProviders() {
    }

    /** The configured providers, in the configured order (none when {@code AUTH_SOCIAL_PROVIDERS} is empty). */
    public static List<Provider> from(Config config) {
        String ids = config.getOptionalValue("auth.social.providers", String.class).orElse("");
        Set<String> seen = new LinkedHashSet<>();
        List<Provider> providers = new ArrayList<>();
        for (String raw : ids.split(",")) {
            String id = raw.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!ID.matcher(id).matches()) {
                throw refuse("AUTH_SOCIAL_PROVIDERS", "'" + id + "' is not an id (lower-case letters, digits and dashes, "
                        + "at most 32, e.g. google,github,corp)");
            }
            if (!seen.add(id)) {
                throw refuse("AUTH_SOCIAL_PROVIDERS", "'" + id + "' is named twice");
            }
            providers.add(provider(config, id));
        }
        return List.copyOf(providers);
    }

    private static Provider provider(Config config, String id) {
        String clientId = required(config, id, "client-id");
        String clientSecret = required(config, id, "client-secret");
        Optional<String> issuer = setting(config, id, "issuer");
        Optional<String> scopes = setting(config, id, "scopes");
        Optional<String> name = setting(config, id, "name");
        return switch (id) {
            case "google" -> {
                fixedIssuer(id, issuer);
                yield new Provider(id, name.orElse("Google"), Kind.OIDC, Optional.of(GOOGLE_ISSUER), clientId, clientSecret,
                        scopes(id, scopes, "openid email profile", true));
            }
            case "github" -> {
                fixedIssuer(id, issuer);
                yield new Provider(id, name.orElse("GitHub"), Kind.GITHUB, Optional.empty(), clientId, clientSecret,
                        scopes(id, scopes, "read:user user:email", false));
            }
            default -> {
                URI uri;
                try {
                    uri = Issuers.require(issuer.orElseThrow(() -> refuse(env(id, "issuer"), "is required (the provider's "
                            + "OpenID Connect issuer, found by discovery at <issuer>/.well-known/openid-configuration)")));
                } catch (IllegalArgumentException e) {
                    throw refuse(env(id, "issuer"), e.getMessage());
                }
                yield new Provider(id, name.orElse(id), Kind.OIDC, Optional.of(uri), clientId, clientSecret,
                        scopes(id, scopes, "openid email profile", true));
            }
        };
    }

    private static void fixedIssuer(String id, Optional<String> issuer) {
        if (issuer.isPresent()) {
            throw refuse(env(id, "issuer"), "is fixed for the " + id + " preset; leave it unset (or give the provider another id)");
        }
    }

    private static List<String> scopes(String id, Optional<String> configured, String preset, boolean openIdConnect) {
        List<String> scopes = Arrays.stream(configured.orElse(preset).trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct()
                .toList();
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw refuse(env(id, "scopes"), "'" + scope + "' is not a scope");
            }
        }
        if (openIdConnect && !scopes.contains("openid")) {
            throw refuse(env(id, "scopes"), "must include openid (and email, for the address)");
        }
        return scopes;
    }

    private static String required(Config config, String id, String key) {
        return setting(config, id, key).orElseThrow(() -> refuse(env(id, key), "is required"));
    }

    private static Optional<String> setting(Config config, String id, String key) {
        return config.getOptionalValue("auth.social." + id + "." + key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The environment variable of a provider's setting, as the message names it. */
    static String env(String id, String key) {
        return ("AUTH_SOCIAL_" + id + "_" + key).replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static IllegalStateException refuse(String setting, String reason) {
        return new IllegalStateException("Refusing to start: " + setting + " " + reason + ".");
    }
}
