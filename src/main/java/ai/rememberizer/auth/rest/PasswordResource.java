package ai.rememberizer.auth.rest;

import jakarta.ws.rs.Consumes;
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

import ai.rememberizer.auth.flow.PasswordChangeFlow;
import ai.rememberizer.auth.flow.PasswordChangeRequest;
import ai.rememberizer.auth.flow.PasswordResetConfirmRequest;
import ai.rememberizer.auth.flow.PasswordResetFlow;
import ai.rememberizer.auth.flow.PasswordResetRequest;
import ai.rememberizer.auth.session.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The forgotten password (not authenticated) and the password change (authenticated). */
@Path("/api/v1/auth/password")
@Tag(name = "Password")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    static final String MFA_REQUIRED = "mfa_required: the account has a second factor; no token yet, the body's mfa_token (also set as "
            + "the mfa_token cookie, Path=/api/v1/auth/mfa/) and methods lead to POST /api/v1/auth/mfa/verify/";

    private final CredentialRequests credentialRequests;
    private final Callers callers;
    private final PasswordResetFlow reset;
    private final PasswordChangeFlow change;
    private final AuthCookies cookies;

    PasswordResource(CredentialRequests credentialRequests, Callers callers, PasswordResetFlow reset,
            PasswordChangeFlow change, AuthCookies cookies) {
        this.credentialRequests = credentialRequests;
        this.callers = callers;
        this.reset = reset;
        this.change = change;
        this.cookies = cookies;
    }

    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password reset code; 202 whether or not the address has an account")
    @APIResponse(responseCode = "202", description = "If the address has an account, a code is on its way")
    @APIResponse(responseCode = "400", description = "validation_failed or captcha_invalid")
    @APIResponse(responseCode = "429", description = "rate_limited (reset requests per client address), with Retry-After")
    @APIResponse(responseCode = "503", description = "captcha_unavailable, or overloaded (with Retry-After)")
    public Uni<RestResponse<Void>> requestReset(PasswordResetRequest body) {
        Caller caller = callers.anonymous();
        PasswordResetRequest in = body != null ? body : PasswordResetRequest.EMPTY;
        // On the credential threads too: it waits on the captcha provider.
        return credentialRequests.submit(() -> {
            reset.request(in, caller);
            return RestResponse.<Void> accepted();
        });
    }

    @POST
    @Path("reset/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the mailed code; signs in on a new session and ends every other")
    @APIResponse(responseCode = "204", description = "Password set, signed in, both auth cookies set",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC))
    @APIResponse(responseCode = "400", description = "validation_failed, invalid_code (with attempts_remaining) or code_expired")
    @APIResponse(responseCode = "401", description = MFA_REQUIRED)
    @APIResponse(responseCode = "429", description = "too_many_attempts: request a new code")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> confirmReset(PasswordResetConfirmRequest body) {
        Caller caller = callers.anonymous();
        PasswordResetConfirmRequest in = body != null ? body : PasswordResetConfirmRequest.EMPTY;
        return credentialRequests.submit(() -> reset.confirm(in, caller))
                .map(tokens -> cookies.set(RestResponse.ResponseBuilder.<Void> noContent(), tokens).build());
    }

    @POST
    @Path("change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the password; every other session ends, this one goes on with fresh cookies")
    @APIResponse(responseCode = "204", description = "Password changed, both auth cookies renewed",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC))
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = MfaResource.AAL2)
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> changePassword(PasswordChangeRequest body) {
        Caller caller = callers.current();
        PasswordChangeRequest in = body != null ? body : PasswordChangeRequest.EMPTY;
        return credentialRequests.submit(() -> change.change(caller, in))
                .map(tokens -> cookies.set(RestResponse.ResponseBuilder.<Void> noContent(), tokens).build());
    }
}
