package ai.rememberizer.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ai.rememberizer.auth.limits.ClientAddress;

/**
 * Who is calling, built once per request at the HTTP edge and handed to the flows: the
 * account, the session and what its access token says (when it expires, when and how the user
 * proved who they are), and the client (its address for the limits, its user agent and address
 * for the session list). A request without a verified token has only the client.
 */
public record Caller(UUID userId, UUID sessionId, Instant expiresAt, Instant authTime, int aal, List<String> methods,
        ClientAddress client, SessionClient device) {

    /** A request without an access token: the client only. */
    public static Caller anonymous(ClientAddress client, SessionClient device) {
        return new Caller(null, null, null, null, 0, List.of(), client, device);
    }

    /**
     * What the presented token says of how its user signed in; empty for a token from before
     * these claims (its session then speaks for it).
     */
    public Optional<Assurance> assurance() {
        return authTime == null ? Optional.empty()
                : Optional.of(new Assurance(authTime, aal >= 2 ? 2 : 1, methods.isEmpty() ? List.of(Assurance.PASSWORD) : methods));
    }

    public boolean authenticated() {
        return userId != null;
    }

    /** Whether the token says two factors. */
    public boolean hasTwoFactors() {
        return aal >= 2;
    }

    /** Whether the user proved who they are within {@code maxAge} of now (a token without auth_time: no). */
    public boolean authenticatedWithin(Duration maxAge, Instant now) {
        return authTime != null && !authTime.plus(maxAge).isBefore(now);
    }
}
