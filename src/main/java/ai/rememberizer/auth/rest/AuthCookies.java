package ai.rememberizer.auth.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.session.IssuedTokens;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/** The two auth cookies with the contract's attributes, and their clearing. */
@ApplicationScoped
public class AuthCookies {

    public static final String ACCESS = "access_token";
    public static final String REFRESH = "refresh_token";
    static final String ACCESS_PATH = "/";
    static final String REFRESH_PATH = "/api/v1/auth/";

    private final AuthConfig.Cookie config;

    AuthCookies(AuthConfig config) {
        this.config = config.cookie();
    }

    /** Sets both cookies and forbids caching the response. */
    public Response.ResponseBuilder set(Response.ResponseBuilder response, IssuedTokens tokens) {
        return response
                .header(HttpHeaders.SET_COOKIE, cookie(ACCESS, tokens.accessToken(), ACCESS_PATH, tokens.accessTtl(), CookieSameSite.LAX))
                .header(HttpHeaders.SET_COOKIE, cookie(REFRESH, tokens.refreshToken(), REFRESH_PATH, tokens.refreshTtl(), CookieSameSite.STRICT))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Sets a fresh access cookie only (after e-mail verification). */
    public Response.ResponseBuilder setAccess(Response.ResponseBuilder response, String accessToken, Duration ttl) {
        return response
                .header(HttpHeaders.SET_COOKIE, cookie(ACCESS, accessToken, ACCESS_PATH, ttl, CookieSameSite.LAX))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Clears both cookies (same name, path and domain, empty value, {@code Max-Age=0}). */
    public Response.ResponseBuilder clear(Response.ResponseBuilder response) {
        return response
                .header(HttpHeaders.SET_COOKIE, cookie(ACCESS, "", ACCESS_PATH, Duration.ZERO, CookieSameSite.LAX))
                .header(HttpHeaders.SET_COOKIE, cookie(REFRESH, "", REFRESH_PATH, Duration.ZERO, CookieSameSite.STRICT))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
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
