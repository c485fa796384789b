package ai.rememberizer.auth.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.rememberizer.auth.account.AccountService;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import io.quarkus.security.Authenticated;

/** The signed-in account. */
@Path("/api/v1/account")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class AccountResource {

    static final String PATH = "/api/v1/account/";

    private final AccountService accounts;
    private final JsonWebToken jwt;

    AccountResource(AccountService accounts, JsonWebToken jwt) {
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The account of the access token (Bearer header, or the access_token cookie)")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "401", description = "unauthenticated, with WWW-Authenticate: Bearer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountResponse account() {
        return accounts.findAccount(Claims.userId(jwt))
                .map(AccountResponse::of)
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED, "The account no longer exists."));
    }
}
