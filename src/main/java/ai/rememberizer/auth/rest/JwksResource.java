package ai.rememberizer.auth.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.rememberizer.auth.crypto.SigningKeys;

/** The public keys that verify access tokens (during a key roll, more than one), so other services verify them without calling us. */
@Path("/.well-known/jwks.json")
@Tag(name = "Keys")
public class JwksResource {

    static final String JWK_SET = "application/jwk-set+json";

    private final Map<String, Object> jwks;

    JwksResource(SigningKeys keys) {
        this.jwks = Map.of("keys", keys.publicJwks());
    }

    @GET
    @Produces({ "application/json", JWK_SET })
    @Operation(summary = "JSON Web Key Set of the access-token verification keys (RFC 7517); kid matches the tokens' header")
    @APIResponse(responseCode = "200", description = "The key set, cacheable for 5 minutes", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = JsonWebKeySet.class)),
            @Content(mediaType = JWK_SET, schema = @Schema(implementation = JsonWebKeySet.class)) })
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(jwks).cacheControl(cache).build();
    }
}
