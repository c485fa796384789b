package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.CurrentPassword;

@Schema(description = "The password, to confirm that the account goes")
public record DeleteAccountRequest(
        @Schema(description = "The account's password")
        @CurrentPassword
        String password) {

    public static final DeleteAccountRequest EMPTY = new DeleteAccountRequest(null);

    @Override
    public String toString() {
        return "DeleteAccountRequest[***]";
    }
}
