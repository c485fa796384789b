package ai.rememberizer.auth.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.Status;

import ai.rememberizer.auth.flow.CodeRequest;
import ai.rememberizer.auth.flow.MfaFlow;
import ai.rememberizer.auth.flow.MfaVerifyRequest;
import ai.rememberizer.auth.flow.PasswordRequest;
import ai.rememberizer.auth.flow.TotpRemovalRequest;
import ai.rememberizer.auth.session.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The second factor: an authenticator app (TOTP) with its recovery codes, and the second step
 * of a sign-in (or a reset) of an account that has one. Every change is a sensitive action:
 * {@code aal2} on an account with a factor (403 {@code aal2_required}).
 */
@Path("/api/v1/auth/mfa")
@Tag(name = "Second factor")
@Produces(MediaType.APPLICATION_JSON)
public class MfaResource {

    static final String AAL2 = "aal2_required (with WWW-Authenticate: Bearer error=\"insufficient_user_authentication\"), or origin_not_allowed";

    private final MfaFlow mfa;
    private final CredentialRequests credentialRequests;
    private final Callers callers;
    private final AuthCookies cookies;

    MfaResource(MfaFlow mfa, CredentialRequests credentialRequests, Callers callers, AuthCookies cookies) {
        this.mfa = mfa;
        this.credentialRequests = credentialRequests;
        this.callers = callers;
        this.cookies = cookies;
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The account's second factors")
    @APIResponse(responseCode = "200", description = "The authenticator app, the recovery codes left, the passkeys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaResponses.Status.class)))
    @APIResponse(responseCode = "401", description = "unauthenticated")
    public MfaResponses.Status status() {
        return MfaResponses.Status.of(mfa.status(callers.current()));
    }

    @POST
    @Path("totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Start adding an authenticator app: its secret, pending 10 minutes; a new call replaces a pending one")
    @APIResponse(responseCode = "201", description = "The secret and its otpauth URI",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaResponses.Enrolment.class)))
    @APIResponse(responseCode = "400", description = "invalid_current_password (counts as a failed sign-in) or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = AAL2 + ", or email_not_verified (verify the address first)")
    @APIResponse(responseCode = "409", description = "totp_already_enabled")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<MfaResponses.Enrolment>> beginTotp(PasswordRequest body) {
        Caller caller = callers.current();
        PasswordRequest in = body != null ? body : PasswordRequest.EMPTY;
        return credentialRequests.submit(() -> RestResponse.ResponseBuilder
                .create(Status.CREATED, MfaResponses.Enrolment.of(mfa.beginTotp(caller, in)))
                .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Confirm the authenticator app with its first code: recovery codes, an aal2 access token, every other session ended")
    @APIResponse(responseCode = "200", description = "The 10 recovery codes, shown this once; a fresh access_token cookie (aal2, same "
            + "expiry) and a new refresh_token (the session's earlier ones die)",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaResponses.RecoveryCodes.class)))
    @APIResponse(responseCode = "400", description = "invalid_code (with attempts_remaining), code_expired or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = AAL2 + ", or email_not_verified (verify the address first)")
    @APIResponse(responseCode = "409", description = "totp_already_enabled")
    @APIResponse(responseCode = "429", description = "too_many_attempts: start the enrolment again")
    public RestResponse<MfaResponses.RecoveryCodes> confirmTotp(CodeRequest body) {
        MfaFlow.Confirmed confirmed = mfa.confirmTotp(callers.current(), body != null ? body : CodeRequest.EMPTY);
        return cookies.set(RestResponse.ResponseBuilder.ok(new MfaResponses.RecoveryCodes(confirmed.recoveryCodes())),
                confirmed.tokens()).build();
    }

    @DELETE
    @Path("totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Remove the authenticator app and its recovery codes (with the password or a current code); every other session ends")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "invalid_current_password (a failed sign-in), invalid_code or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = AAL2)
    @APIResponse(responseCode = "409", description = "mfa_not_enabled")
    @APIResponse(responseCode = "429", description = "rate_limited or too_many_attempts, with Retry-After")
    @APIResponse(responseCode = "503", description = "overloaded, with Retry-After")
    public Uni<RestResponse<Void>> removeTotp(TotpRemovalRequest body) {
        Caller caller = callers.current();
        TotpRemovalRequest in = body != null ? body : TotpRemovalRequest.EMPTY;
        return credentialRequests.submit(() -> {
            mfa.removeTotp(caller, in);
            return RestResponse.<Void> noContent();
        });
    }

    @POST
    @Path("recovery-codes")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Ten new recovery codes; the old ones stop working (aal2, signed in within AUTH_REAUTH_MAX_AGE)")
    @APIResponse(responseCode = "200", description = "The new codes, shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaResponses.RecoveryCodes.class)))
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "403", description = AAL2 + ", or reauthentication_required (signed in too long ago)")
    @APIResponse(responseCode = "409", description = "mfa_not_enabled")
    public RestResponse<MfaResponses.RecoveryCodes> newRecoveryCodes() {
        return RestResponse.ResponseBuilder.ok(new MfaResponses.RecoveryCodes(mfa.newRecoveryCodes(callers.current())))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The second step of a sign-in: the mfa_token (cookie or body) and a code, a recovery code or a passkey")
    @APIResponse(responseCode = "204", description = "Signed in (aal2), both auth cookies set",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC))
    @APIResponse(responseCode = "200", description = "Signed in with a recovery code (aal2), both auth cookies set; how many codes are left",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaResponses.Remaining.class)))
    @APIResponse(responseCode = "400", description = "invalid_code (with attempts_remaining) or validation_failed")
    @APIResponse(responseCode = "401", description = "mfa_token_invalid: unknown, used, expired, or dead after 5 wrong codes")
    @APIResponse(responseCode = "429", description = "too_many_attempts (10 second-step codes per account per 15 minutes), with Retry-After")
    public RestResponse<MfaResponses.Remaining> verify(MfaVerifyRequest body, @RestCookie(AuthCookies.MFA) String tokenCookie) {
        MfaFlow.Verified verified = mfa.verify(body != null ? body : MfaVerifyRequest.EMPTY, tokenCookie, callers.anonymous());
        RestResponse.ResponseBuilder<MfaResponses.Remaining> response = verified.recoveryCodesRemaining().isPresent()
                ? RestResponse.ResponseBuilder.ok(new MfaResponses.Remaining(verified.recoveryCodesRemaining().getAsInt()))
                : RestResponse.ResponseBuilder.noContent();
        return cookies.clearMfaToken(cookies.set(response, verified.tokens())).build();
    }
}
