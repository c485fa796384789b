package ai.rememberizer.auth.rest.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.rememberizer.auth.problem.ProblemCode;
import io.vertx.ext.web.Router;

/**
 * When the OpenAPI document is not public ({@code quarkus.smallrye-openapi.enabled=false}:
 * production, unless {@code AUTH_OPENAPI_PUBLIC=true}), its paths answer as any unknown path
 * does, 404 {@code not_found} as a problem; Quarkus's own answer there is a bare 404.
 */
@ApplicationScoped
class ClosedOpenApi {

    /** The document's paths: /q/openapi, /q/openapi/, /q/openapi.json (and .yaml, .yml). */
    private static final String PATHS = "/q/openapi([./].*)?";

    private final boolean served;
    private final Refusal refusal;

    ClosedOpenApi(@ConfigProperty(name = "quarkus.smallrye-openapi.enabled", defaultValue = "true") boolean served,
            Refusal refusal) {
        this.served = served;
        this.refusal = refusal;
    }

    void register(@Observes Router router) {
        if (!served) {
            router.routeWithRegex(PATHS).order(Refusal.BODY_ORDER + 1).handler(context -> refusal.send(context, ProblemCode.NOT_FOUND));
        }
    }
}
