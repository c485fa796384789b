package ai.rememberizer.auth.rest;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes every path in the OpenAPI document as the contract and its clients call it, with
 * the trailing slash ({@code /api/v1/auth/signin/}); the routes answer with and without it.
 * The key set keeps its well-known name ({@code /.well-known/jwks.json}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ClientPaths implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new TreeMap<>(openAPI.getPaths().getPathItems());
        Paths paths = OASFactory.createPaths().extensions(openAPI.getPaths().getExtensions());
        items.forEach((path, item) -> paths.addPathItem(asCalled(path), item));
        openAPI.setPaths(paths);
    }

    static String asCalled(String path) {
        return path.endsWith("/") || path.startsWith("/.well-known/") ? path : path + "/";
    }
}
