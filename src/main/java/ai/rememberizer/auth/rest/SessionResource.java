package ai.rememberizer.auth.rest;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import ai.rememberizer.auth.flow.SessionsFlow;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import io.quarkus.security.Authenticated;

/**
 * The signed-in account's sessions. Revoking one stops its refresh token at once; access
 * tokens it already holds stay valid until they expire (15 minutes at most).
 */
@Path("/api/v1/auth/sessions")
@Tag(name = "Sessions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class SessionResource {

    private final SessionsFlow sessions;
    private final Callers callers;

    SessionResource(SessionsFlow sessions, Callers callers) {
        this.sessions = sessions;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The account's live sessions, most recently used first")
    @APIResponse(responseCode = "200", description = "The sessions")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    public SessionsResponse list() {
        Caller caller = callers.current();
        return SessionsResponse.of(sessions.list(caller), caller.sessionId());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke one session; its refresh token stops working")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "404", description = "not_found: not one of the account's live sessions")
    public RestResponse<Void> revoke(@PathParam("id") String id) {
        sessions.revoke(callers.current(), sessionId(id));
        return RestResponse.noContent();
    }

    @DELETE
    @Operation(summary = "Revoke every session but this one")
    @APIResponse(responseCode = "204", description = "Every other session revoked")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    public RestResponse<Void> revokeOthers() {
        sessions.revokeOthers(callers.current());
        return RestResponse.noContent();
    }

    /** A path that is not a session id names no session of the caller's. */
    private static UUID sessionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AuthException(ProblemCode.NOT_FOUND, "No such session.");
        }
    }
}
