package ai.rememberizer.auth.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@link JwksResource} serves, for the OpenAPI document: the resource sends the key
 * maps {@code SigningKeys} makes (jose4j's public parameters), which have this shape.
 */
@Schema(name = "JsonWebKeySet", description = "A JSON Web Key Set (RFC 7517): the public keys that verify access tokens")
record JsonWebKeySet(
        @Schema(description = "The verification keys, the signing key's first; during a key roll, more than one", required = true)
        List<Key> keys) {

    @Schema(name = "JsonWebKey", description = "A public key (RFC 7517, RFC 7518): an RSA key carries n and e, an EC key crv, x and y")
    record Key(
            @Schema(description = "Key type", examples = "RSA", required = true) String kty,
            @Schema(description = "Key id: the key's RFC 7638 thumbprint, the kid in the tokens' header", required = true) String kid,
            @Schema(description = "What the key is for", examples = "sig") String use,
            @Schema(description = "The tokens' signing algorithm", examples = "RS256") String alg,
            @Schema(description = "RSA modulus, base64url") String n,
            @Schema(description = "RSA public exponent, base64url", examples = "AQAB") String e,
            @Schema(description = "EC curve", examples = "P-256") String crv,
            @Schema(description = "EC x coordinate, base64url") String x,
            @Schema(description = "EC y coordinate, base64url") String y) {
    }
}
