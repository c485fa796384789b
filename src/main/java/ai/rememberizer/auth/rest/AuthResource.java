package ai.rememberizer.auth.rest;

import java.io.IOException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestResponse.Status;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.flow.EmailVerificationFlow;
import ai.rememberizer.auth.flow.SessionFlow;
import ai.rememberizer.auth.flow.SignInFlow;
import ai.rememberizer.auth.flow.SignUpFlow;
import ai.rememberizer.auth.flow.SignUpRequest;
import ai.rememberizer.auth.flow.SignInRequest;
import ai.rememberizer.auth.flow.VerifyEmailRequest;
import ai.rememberizer.auth.session.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Sign-up, sign-in, e-mail verification, refresh and logout, as the public API page
 * describes them. Error answers are problem+json ({@link ProblemResponses} documents them).
 */
@Path("/api/v1/auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final CredentialRequests credentialRequests;
    private final Callers callers;
    private final SignUpFlow signUp;
    private final SignInFlow signIn;
    private final EmailVerificationFlow verification;
    private final SessionFlow sessions;
    private final AccessTokenReader accessTokens;
    private final AuthCookies cookies;
    private final ObjectMapper mapper;

    AuthResource(CredentialRequests credentialRequests, Callers callers, SignUpFlow signUp, SignInFlow signIn,
            EmailVerificationFlow verification, SessionFlow sessions, AccessTokenReader accessTokens, AuthCookies cookies,
            ObjectMapper mapper) {
        this.credentialRequests = credentialRequests;
        this.callers = callers;
        this.signUp = signUp;
        this.signIn = signIn;
        this.verification = verification;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.cookies = cookies;
        this.mapper = mapper;
    }

    @POST
    @Path("signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account; the new user is signed in")
    @APIResponse(responseCode = "201", description = "Account created, both auth cookies set",
            headers = { @Header(name = "Location", description = AccountResource.PATH),
                    @Header(name = "Set-Cookie", description = AuthCookies.DOC) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", description = "validation_failed or captcha_invalid")
    @APIResponse(responseCode = "409", description = "email_taken")
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "captcha_unavailable, or overloaded (with Retry-After)")
    public Uni<RestResponse<AccountResponse>> signUp(SignUpRequest body) {
        Caller caller = callers.anonymous();
        SignUpRequest in = body != null ? body : SignUpRequest.EMPTY;
        // A relative Location, as the contract writes it (location() would make it absolute).
        return credentialRequests.submit(() -> signUp.signUp(in, caller)).map(created -> cookies
                .set(RestResponse.ResponseBuilder.create(Status.CREATED, AccountResponse.of(created.user())), created.tokens())
                .header(HttpHeaders.LOCATION, AccountResource.PATH)
                .build());
    }

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with e-mail and password")
    @APIResponse(responseCode = "204", description = "Signed in, both auth cookies set",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC))
    @APIResponse(responseCode = "400", description = "validation_failed or captcha_invalid")
    @APIResponse(responseCode = "401", description = "invalid_credentials; or " + PasswordResource.MFA_REQUIRED)
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After")
    @APIResponse(responseCode = "503", description = "captcha_unavailable, or overloaded (with Retry-After)")
    public Uni<RestResponse<Void>> signIn(SignInRequest body) {
        Caller caller = callers.anonymous();
        SignInRequest in = body != null ? body : SignInRequest.EMPTY;
        return credentialRequests.submit(() -> signIn.signIn(in, caller))
                .map(tokens -> cookies.set(RestResponse.ResponseBuilder.<Void> noContent(), tokens).build());
    }

    @POST
    @Path("custom-refresh")
    @Operation(summary = "Exchange the refresh token for a new pair (rotation)")
    @APIResponse(responseCode = "204", description = "New access and refresh tokens set as cookies",
            headers = @Header(name = "Set-Cookie", description = AuthCookies.DOC))
    @APIResponse(responseCode = "401", description = "invalid_refresh_token or refresh_token_reused; both cookies cleared")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class)))
    public RestResponse<Void> refresh(@RestCookie(AuthCookies.REFRESH) String refreshCookie, String body) throws IOException {
        // The body is optional and may come without a content type, so it is read as text
        // (and may be a bare JSON null).
        RefreshRequest parsed = refreshCookie != null && !refreshCookie.isEmpty() || body == null || body.isBlank() ? null
                : mapper.readValue(body, RefreshRequest.class);
        String presented = refreshCookie != null && !refreshCookie.isEmpty() ? refreshCookie : parsed == null ? null : parsed.refresh();
        return cookies.set(RestResponse.ResponseBuilder.<Void> noContent(), sessions.refresh(presented, callers.anonymous())).build();
    }

    @POST
    @Path("custom-logout")
    @Operation(summary = "Sign out: revoke the session and clear both cookies (idempotent)")
    @APIResponse(responseCode = "204", description = "Signed out, both cookies cleared")
    public RestResponse<Void> logout(@RestCookie(AuthCookies.REFRESH) String refreshCookie,
            @RestCookie(AuthCookies.ACCESS) String accessCookie,
            @RestHeader("Authorization") String authorization) {
        sessions.logout(refreshCookie, accessTokens.sessionId(authorization, accessCookie), callers.anonymous());
        return cookies.clear(RestResponse.ResponseBuilder.<Void> noContent()).build();
    }

    @POST
    @Path("verify-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Verify the e-mail address with the 6-digit code that was mailed")
    @APIResponse(responseCode = "200", description = "Verified (or already verified); a fresh access_token cookie says email_verified: true and expires with the token presented",
            headers = @Header(name = "Set-Cookie", description = "access_token (HttpOnly, SameSite=Lax, Path=/)"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyEmailResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_code (with attempts_remaining), code_expired or validation_failed")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "429", description = "too_many_attempts: request a new code")
    public RestResponse<VerifyEmailResponse> verifyEmail(VerifyEmailRequest body) {
        var access = verification.verifyEmail(callers.current(), body != null ? body : VerifyEmailRequest.EMPTY);
        return cookies.setAccess(RestResponse.ResponseBuilder.ok(new VerifyEmailResponse(true)), access).build();
    }

    @POST
    @Path("resend-verification")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Mail a new verification code; the previous one stops working")
    @APIResponse(responseCode = "202", description = "A new code is on its way")
    @APIResponse(responseCode = "401", description = "unauthenticated")
    @APIResponse(responseCode = "409", description = "already_verified")
    @APIResponse(responseCode = "429", description = "rate_limited (one code mail per 60 s, 5 per hour), with Retry-After")
    public RestResponse<Void> resendVerification() {
        verification.resendCode(callers.current());
        return RestResponse.accepted();
    }
}
