package ai.rememberizer.auth.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import ai.rememberizer.auth.problem.ProblemCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds what every error answer shares to the OpenAPI document, so the resources say each
 * status once: a 4xx or 5xx response documented without content gets the problem+json
 * body ({@link Problem}), and every operation gets the refusals that come before any
 * resource runs (the guards in {@code rest/guard}), each once in {@code components.responses}:
 * a foreign {@code Origin} (403), a URI or headers over the limits (414, 431) on every
 * operation; a body too large or not JSON (413, 415) on the methods whose body is checked;
 * and 404 where a path parameter may name nothing.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    /** The methods whose body BodyGuard checks. */
    private static final Set<PathItem.HttpMethod> WITH_BODY = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private static final String ORIGIN_NOT_ALLOWED = "OriginNotAllowed";
    private static final String NOT_FOUND = "NotFound";
    private static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    private static final String URI_TOO_LONG = "UriTooLong";
    private static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    private static final String HEADERS_TOO_LARGE = "HeadersTooLarge";

    /** The shared responses, by name, with the problem code each description starts with. */
    private static final Map<String, Shared> SHARED = shared();

    private record Shared(ProblemCode code, String description) {
    }

    private static Map<String, Shared> shared() {
        Map<String, Shared> shared = new LinkedHashMap<>();
        shared.put(ORIGIN_NOT_ALLOWED, new Shared(ProblemCode.ORIGIN_NOT_ALLOWED,
                "the Origin header is neither the service's own nor one of the allowed origins, written as browsers write it;"
                        + " checked before anything else"));
        shared.put(NOT_FOUND, new Shared(ProblemCode.NOT_FOUND, "the path names nothing here"));
        shared.put(PAYLOAD_TOO_LARGE, new Shared(ProblemCode.PAYLOAD_TOO_LARGE, "the body is over 16 KiB, declared or chunked"));
        shared.put(URI_TOO_LONG, new Shared(ProblemCode.URI_TOO_LONG, "the request URI is over 2,048 characters"));
        shared.put(UNSUPPORTED_MEDIA_TYPE, new Shared(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                "a body whose Content-Type is not application/json (or another +json type)"));
        shared.put(HEADERS_TOO_LARGE, new Shared(ProblemCode.HEADERS_TOO_LARGE, "the request headers are over 8 KiB in all"));
        return Collections.unmodifiableMap(shared);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        SHARED.forEach((name, shared) -> openAPI.getComponents().addResponse(name, OASFactory.createAPIResponse()
                .description(shared.code().code() + ": " + shared.description()).content(problem())));
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach((method, operation) -> {
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (isError(status) && hasNoContent(response)) {
                    response.setContent(problem());
                }
            });
            addShared(operation, ORIGIN_NOT_ALLOWED);
            addShared(operation, URI_TOO_LONG);
            addShared(operation, HEADERS_TOO_LARGE);
            if (WITH_BODY.contains(method)) {
                addShared(operation, PAYLOAD_TOO_LARGE);
                addShared(operation, UNSUPPORTED_MEDIA_TYPE);
            }
            if (hasPathParameter(item, operation)) {
                addShared(operation, NOT_FOUND);
            }
            operation.getResponses().setAPIResponses(new TreeMap<>(operation.getResponses().getAPIResponses()));
        }));
    }

    /** The shared response under its status, unless the operation says more about that status itself. */
    private static void addShared(Operation operation, String name) {
        String status = String.valueOf(SHARED.get(name).code().status());
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
    }

    private static boolean hasPathParameter(PathItem item, Operation operation) {
        return hasPathParameter(item.getParameters()) || hasPathParameter(operation.getParameters());
    }

    private static boolean hasPathParameter(List<Parameter> parameters) {
        return parameters != null && parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static boolean hasNoContent(APIResponse response) {
        return response.getRef() == null && (response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty());
    }
}
