package ai.rememberizer.auth.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * The contract reads the access token from {@code Authorization: Bearer}, and from the
 * {@code access_token} cookie only when that header is absent. SmallRye JWT reads one
 * source first, so this route handler copies the cookie into the header when, and only
 * when, the header is missing. Authentication is lazy ({@code quarkus.http.auth.proactive=false}),
 * so it always runs after this. Every response to a request that carries a token (in either
 * place) gets {@code Cache-Control: no-store} unless it says otherwise: what it holds is one
 * account's.
 */
@ApplicationScoped
public class BearerFromCookie {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            var request = context.request();
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                Cookie cookie = request.getCookie(AuthCookies.ACCESS);
                if (cookie != null && !cookie.getValue().isEmpty()) {
                    request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + cookie.getValue());
                }
            }
            if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                var response = context.response();
                context.addHeadersEndHandler(end -> {
                    if (!response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
                        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    }
                });
            }
            context.next();
        });
    }
}
