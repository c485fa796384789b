package ai.rememberizer.auth.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.rememberizer.auth.flow.AccountFlow;
import io.quarkus.security.Authenticated;

/** The signed-in account. */
@Path("/api/v1/account")
@Tag(name = "Account")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
public class AccountResource {

    static final String PATH = "/api/v1/account/";

    private final AccountFlow accounts;
    private final JsonWebToken jwt;

    AccountResource(AccountFlow accounts, JsonWebToken jwt) {
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The account of the access token (Bearer header, or the access_token cookie)")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "401", description = "unauthenticated, with WWW-Authenticate: Bearer")
    public AccountResponse account() {
        return AccountResponse.of(accounts.account(Caller.of(jwt).userId()));
    }
}
