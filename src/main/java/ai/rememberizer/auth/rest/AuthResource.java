package ai.rememberizer.auth.rest;

import java.io.IOException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.account.AccountService;
import ai.rememberizer.auth.account.SignUp;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.verification.VerificationService;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;

/** Sign-up, sign-in, e-mail verification, refresh and logout, as the public API page describes them. */
@Path("/api/v1/auth")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String SET_COOKIE_DOC = "access_token (HttpOnly, SameSite=Lax, Path=/) and refresh_token "
            + "(HttpOnly, SameSite=Strict, Path=/api/v1/auth/)";

    private final AccountService accounts;
    private final SessionService sessions;
    private final AccessTokenReader accessTokens;
    private final AuthCookies cookies;
    private final ObjectMapper mapper;
    private final VerificationService verification;
    private final JsonWebToken jwt;

    AuthResource(AccountService accounts, SessionService sessions, AccessTokenReader accessTokens, AuthCookies cookies,
            ObjectMapper mapper, VerificationService verification, JsonWebToken jwt) {
        this.verification = verification;
        this.jwt = jwt;
        this.accounts = accounts;
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
            headers = { @Header(name = "Location", description = "/api/v1/account/"),
                    @Header(name = "Set-Cookie", description = SET_COOKIE_DOC) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", description = "validation_failed or captcha_invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "email_taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "captcha_unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signUp(SignUpRequest body, @Context HttpServerRequest request) {
        SignUpRequest in = body != null ? body : new SignUpRequest(null, null, null, null);
        AccountService.SignedUp created = accounts.signUp(SignUp.of(in.email(), in.password(), in.name()), in.captcha(),
                ClientAddress.of(request));
        return cookies.set(Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, AccountResource.PATH), created.tokens())
                .entity(AccountResponse.of(created.user()))
                .build();
    }

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with e-mail and password")
    @APIResponse(responseCode = "204", description = "Signed in, both auth cookies set",
            headers = @Header(name = "Set-Cookie", description = SET_COOKIE_DOC))
    @APIResponse(responseCode = "400", description = "validation_failed or captcha_invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "invalid_credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "rate_limited, with Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "captcha_unavailable", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signIn(SignInRequest body, @Context HttpServerRequest request) {
        SignInRequest in = body != null ? body : new SignInRequest(null, null, null);
        IssuedTokens tokens = accounts.signIn(in.login(), in.password(), in.captcha(), ClientAddress.of(request));
        return cookies.set(Response.noContent(), tokens).build();
    }

    @POST
    @Path("custom-refresh")
    @Operation(summary = "Exchange the refresh token for a new pair (rotation)")
    @APIResponse(responseCode = "204", description = "New access and refresh tokens set as cookies",
            headers = @Header(name = "Set-Cookie", description = SET_COOKIE_DOC))
    @APIResponse(responseCode = "401", description = "invalid_refresh_token or refresh_token_reused; both cookies cleared", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class)))
    public Response refresh(@RestCookie(AuthCookies.REFRESH) String refreshCookie, String body, @Context HttpServerRequest request)
            throws IOException {
        // The body is optional and may come without a content type, so it is read as text.
        String presented = refreshCookie != null && !refreshCookie.isEmpty() ? refreshCookie
                : body == null || body.isBlank() ? null : mapper.readValue(body, RefreshRequest.class).refresh();
        IssuedTokens tokens = sessions.rotateRefreshToken(presented, ClientAddress.of(request));
        return cookies.set(Response.noContent(), tokens).build();
    }

    @POST
    @Path("custom-logout")
    @Operation(summary = "Sign out: revoke the session and clear both cookies (idempotent)")
    @APIResponse(responseCode = "204", description = "Signed out, both cookies cleared")
    public Response logout(@RestCookie(AuthCookies.REFRESH) String refreshCookie,
            @RestCookie(AuthCookies.ACCESS) String accessCookie,
            @RestHeader("Authorization") String authorization, @Context HttpServerRequest request) {
        sessions.logout(refreshCookie, accessTokens.sessionId(authorization, accessCookie), ClientAddress.of(request));
        return cookies.clear(Response.noContent()).build();
    }

    @POST
    @Path("verify-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Verify the e-mail address with the 6-digit code that was mailed")
    @APIResponse(responseCode = "200", description = "Verified (or already verified); a fresh access_token cookie says email_verified: true",
            headers = @Header(name = "Set-Cookie", description = "access_token (HttpOnly, SameSite=Lax, Path=/)"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyEmailResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_code (with attempts_remaining), code_expired or validation_failed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "too_many_attempts: request a new code", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response verifyEmail(VerifyEmailRequest body, @Context HttpServerRequest request) {
        VerificationService.Verified verified = verification.verifyEmail(Claims.userId(jwt), Claims.sessionId(jwt),
                body == null ? null : body.verificationCode(), ClientAddress.of(request));
        return cookies.setAccess(Response.ok(new VerifyEmailResponse(true)), verified.accessToken(), verified.accessTtl()).build();
    }

    @POST
    @Path("resend-verification")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Mail a new verification code; the previous one stops working")
    @APIResponse(responseCode = "202", description = "A new code is on its way")
    @APIResponse(responseCode = "401", description = "unauthenticated", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already_verified", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "rate_limited (one code mail per 60 s, 5 per hour), with Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response resendVerification(@Context HttpServerRequest request) {
        verification.resendCode(Claims.userId(jwt), ClientAddress.of(request));
        return Response.accepted().build();
    }
}
