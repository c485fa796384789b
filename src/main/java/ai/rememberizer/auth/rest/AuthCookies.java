package ai.rememberizer.auth.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.session.AccessToken;
import ai.rememberizer.auth.session.IssuedTokens;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/** The two auth cookies with the contract's attributes, and their clearing. Each also forbids caching. */
@ApplicationScoped
public class AuthCookies {

    public static final String ACCESS = "access_token";
    public static final String REFRESH = "refresh_token";
    static final String ACCESS_PATH = "/";
    static final String REFRESH_PATH = "/api/v1/auth/";
    /** The second step's ticket, sent only to the second step's endpoints. */
    public static final String MFA = "mfa_token";
    static final String MFA_PATH = "/api/v1/auth/mfa/";
    /** For the OpenAPI document. */
    static final String DOC = "access_token (HttpOnly, SameSite=Lax, Path=/) and refresh_token "
            + "(HttpOnly, SameSite=Strict, Path=/api/v1/auth/)";

    private final AuthConfig.Cookie config;
    private final Duration mfaTokenTtl;

    AuthCookies(AuthConfig config) {
        this.config = config.cookie();
        this.mfaTokenTtl = config.mfa().tokenTtl();
    }

    /** Sets both cookies. */
    <T> RestResponse.ResponseBuilder<T> set(RestResponse.ResponseBuilder<T> response, IssuedTokens tokens) {
        return setAccess(response, tokens.access())
                .header(HttpHeaders.SET_COOKIE, cookie(REFRESH, tokens.refreshToken(), REFRESH_PATH, tokens.refreshTtl(), CookieSameSite.STRICT));
    }

    /** Sets a fresh access cookie only (after e-mail verification). */
    <T> RestResponse.ResponseBuilder<T> setAccess(RestResponse.ResponseBuilder<T> response, AccessToken access) {
        return response
                .header(HttpHeaders.SET_COOKIE, cookie(ACCESS, access.jwt(), ACCESS_PATH, access.ttl(), CookieSameSite.LAX))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Clears both cookies (same name, path and domain, empty value, {@code Max-Age=0}). */
    <T> RestResponse.ResponseBuilder<T> clear(RestResponse.ResponseBuilder<T> response) {
        return response
                .header(HttpHeaders.SET_COOKIE, cookie(ACCESS, "", ACCESS_PATH, Duration.ZERO, CookieSameSite.LAX))
                .header(HttpHeaders.SET_COOKIE, cookie(REFRESH, "", REFRESH_PATH, Duration.ZERO, CookieSameSite.STRICT))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Sets the {@code mfa_token} cookie (HttpOnly, SameSite=Strict, the second step's path, the token's life). */
    <T> RestResponse.ResponseBuilder<T> setMfaToken(RestResponse.ResponseBuilder<T> response, String token) {
        return response.header(HttpHeaders.SET_COOKIE, cookie(MFA, token, MFA_PATH, mfaTokenTtl, CookieSameSite.STRICT))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Clears the {@code mfa_token} cookie. */
    <T> RestResponse.ResponseBuilder<T> clearMfaToken(RestResponse.ResponseBuilder<T> response) {
        return response.header(HttpHeaders.SET_COOKIE, cookie(MFA, "", MFA_PATH, Duration.ZERO, CookieSameSite.STRICT));
    }

    /** One {@code Set-Cookie} value, encoded by Vert.x (Netty's RFC 6265 encoder). */
    private String cookie(String name, String value, String path, Duration maxAge, CookieSameSite sameSite) {
        return Cookie.cookie(name, value)
                .setPath(path)
                .setDomain(config.domain().orElse(null))
                .setMaxAge(maxAge.toSeconds())
                .setSecure(config.secure())
                .setHttpOnly(true)
                .setSameSite(sameSite)
                .encode();
    }
}
