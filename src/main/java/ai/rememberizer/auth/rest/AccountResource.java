package ai.rememberizer.auth.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import ai.rememberizer.auth.flow.AccountFlow;
import ai.rememberizer.auth.flow.CodeRequest;
import ai.rememberizer.auth.flow.DeleteAccountRequest;
import ai.rememberizer.auth.flow.EmailChangeRequest;
import ai.rememberizer.auth.flow.RenameRequest;
import ai.rememberizer.auth.limits.ClientAddress;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in account: read, rename, change the address, delete. */
@Path("/api/v1/account")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class AccountResource {

    static final String PATH = "/api/v1/account/";

    private final AccountFlow accounts;
    private final CredentialRequests credentialRequests;
    private final ClientAddresses clients;
    private final AuthCookies cookies;
    private final JsonWebToken jwt;

    AccountResource(AccountFlow accounts, CredentialRequests credentialRequests, ClientAddresses clients, AuthCookies cookies,
            JsonWebToken jwt) {
        this.accounts = accounts;
        this.credentialRequests = credentialRequests;
        this.clients = clients;
        this.cookies = cookies;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The account of the access token (Bearer header, or the access_token cookie)")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "401", description = "unauthenticated, with WWW-Authenticate: Bearer")
    public AccountResponse account() {
        return AccountResponse.of(accounts.account(Caller.of(jwt).userId()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the display name")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    public AccountResponse rename(RenameRequest body, @Context HttpServerRequest request) {
        Caller caller = Caller.of(jwt);
        return AccountResponse.of(accounts.rename(caller.userId(), caller.sessionId(), body != null ? body : RenameRequest.EMPTY,
                clients.of(request)));
    }

    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to change the address: a code goes to the new address")
    @APIResponse(responseCode = "202", description = "A code is on its way to the new address")
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "409", description = "email_taken")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> requestEmailChange(EmailChangeRequest body, @Context HttpServerRequest request) {
        Caller caller = Caller.of(jwt);
        ClientAddress client = clients.of(request);
        EmailChangeRequest in = body != null ? body : EmailChangeRequest.EMPTY;
        return credentialRequests.submit(() -> {
            accounts.requestEmailChange(caller.userId(), caller.sessionId(), in, client);
            return RestResponse.<Void> accepted();
        });
    }

    @POST
    @Path("email/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the new address with the code mailed to it; the old address gets a notice")
    @APIResponse(responseCode = "200", description = "The account, at its new address, verified; a fresh access_token cookie says so",
            headers = @Header(name = "Set-Cookie", description = "access_token (HttpOnly, SameSite=Lax, Path=/)"))
    @APIResponse(responseCode = "400", description = "invalid_code (with attempts_remaining), code_expired or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "409", description = "email_taken: the address was taken meanwhile")
    @APIResponse(responseCode = "429", description = "too_many_attempts: request a new code")
    public RestResponse<AccountResponse> confirmEmailChange(CodeRequest body, @Context HttpServerRequest request) {
        Caller caller = Caller.of(jwt);
        AccountFlow.EmailChanged changed = accounts.confirmEmailChange(caller.userId(), caller.sessionId(), caller.expiresAt(),
                body != null ? body : CodeRequest.EMPTY, clients.of(request));
        return cookies.setAccess(RestResponse.ResponseBuilder.ok(AccountResponse.of(changed.user())), changed.access()).build();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the account and everything tied to it; the address is free again")
    @APIResponse(responseCode = "204", description = "Deleted; both cookies cleared")
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> delete(DeleteAccountRequest body, @Context HttpServerRequest request) {
        Caller caller = Caller.of(jwt);
        ClientAddress client = clients.of(request);
        DeleteAccountRequest in = body != null ? body : DeleteAccountRequest.EMPTY;
        return credentialRequests.submit(() -> {
            accounts.delete(caller.userId(), caller.sessionId(), in, client);
            return cookies.clear(RestResponse.ResponseBuilder.<Void> noContent()).build();
        });
    }
}
