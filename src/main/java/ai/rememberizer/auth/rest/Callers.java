package ai.rememberizer.auth.rest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import io.vertx.core.http.HttpServerRequest;

/**
 * The {@link Caller} of the current request, built once, at the edge, from the verified access
 * token (if any) and the connection: resources take it here and hand it to the flows. Ids that
 * are not ours are unauthenticated; a token from before the assurance claims counts as
 * {@code aal1} with no {@code auth_time}.
 */
@RequestScoped
class Callers {

    private final JsonWebToken jwt;
    private final HttpServerRequest request;
    private final ClientAddresses clients;
    private Caller anonymous;
    private Caller current;

    Callers(JsonWebToken jwt, HttpServerRequest request, ClientAddresses clients) {
        this.jwt = jwt;
        this.request = request;
        this.clients = clients;
    }

    /** The client of the request, authenticated or not. */
    Caller anonymous() {
        if (anonymous == null) {
            ClientAddress client = clients.of(request);
            anonymous = Caller.anonymous(client, clients.sessionClient(request, client));
        }
        return anonymous;
    }

    /** The signed-in caller (on an {@code @Authenticated} method). */
    Caller current() {
        if (current == null) {
            Caller client = anonymous();
            Object sid = jwt.getClaim("sid");
            Object authTime = jwt.getClaim("auth_time");
            Object aal = jwt.getClaim("aal");
            current = new Caller(uuid(jwt.getSubject()), uuid(text(sid)), Instant.ofEpochSecond(jwt.getExpirationTime()),
                    authTime instanceof JsonNumber number ? Instant.ofEpochSecond(number.longValue())
                            : authTime instanceof Number number ? Instant.ofEpochSecond(number.longValue()) : null,
                    "aal2".equals(text(aal)) ? 2 : 1, methods(jwt.getClaim("amr")), client.client(), client.device());
        }
        return current;
    }

    /** The session of a verified token; {@code unauthenticated} when it names none of ours. */
    static UUID sessionOf(JsonWebToken token) {
        return uuid(text(token.getClaim("sid")));
    }

    /** The {@code amr} claim's values (a JSON array of strings); none when it is absent or not that. */
    private static List<String> methods(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).limit(8).toList();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).limit(8).toList();
        }
        return List.of();
    }

    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AuthException(ProblemCode.UNAUTHENTICATED);
        }
    }
}
