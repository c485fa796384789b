package ai.rememberizer.auth.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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
import ai.rememberizer.auth.session.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

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
    private final Callers callers;
    private final AuthCookies cookies;

    AccountResource(AccountFlow accounts, CredentialRequests credentialRequests, Callers callers, AuthCookies cookies) {
        this.accounts = accounts;
        this.credentialRequests = credentialRequests;
        this.callers = callers;
        this.cookies = cookies;
    }

    @GET
    @Operation(summary = "The account of the access token (Bearer header, or the access_token cookie)")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "401", description = "unauthenticated, with WWW-Authenticate: Bearer")
    public AccountResponse account() {
        return AccountResponse.of(accounts.account(callers.current().userId()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the display name")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    public AccountResponse rename(RenameRequest body) {
        return AccountResponse.of(accounts.rename(callers.current(), body != null ? body : RenameRequest.EMPTY));
    }

    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to change the address: a code goes to the new address")
    @APIResponse(responseCode = "202", description = "A code is on its way to the new address")
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = MfaResource.AAL2)
    @APIResponse(responseCode = "409", description = "email_taken")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> requestEmailChange(EmailChangeRequest body) {
        Caller caller = callers.current();
        EmailChangeRequest in = body != null ? body : EmailChangeRequest.EMPTY;
        return credentialRequests.submit(() -> {
            accounts.requestEmailChange(caller, in);
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
    @APIResponse(responseCode = "403", description = MfaResource.AAL2)
    @APIResponse(responseCode = "409", description = "email_taken: the address was taken meanwhile")
    @APIResponse(responseCode = "429", description = "too_many_attempts: request a new code")
    public RestResponse<AccountResponse> confirmEmailChange(CodeRequest body) {
        AccountFlow.EmailChanged changed = accounts.confirmEmailChange(callers.current(), body != null ? body : CodeRequest.EMPTY);
        return cookies.setAccess(RestResponse.ResponseBuilder.ok(AccountResponse.of(changed.user())), changed.access()).build();
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the account and everything tied to it; the address is free again")
    @APIResponse(responseCode = "204", description = "Deleted; both cookies cleared")
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = MfaResource.AAL2)
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> delete(DeleteAccountRequest body) {
        Caller caller = callers.current();
        DeleteAccountRequest in = body != null ? body : DeleteAccountRequest.EMPTY;
        return credentialRequests.submit(() -> {
            accounts.delete(caller, in);
            return cookies.clear(RestResponse.ResponseBuilder.<Void> noContent()).build();
        });
    }
}
