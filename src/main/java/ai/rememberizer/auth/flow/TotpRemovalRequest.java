package ai.rememberizer.auth.flow;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import ai.rememberizer.auth.user.CurrentPassword;
import ai.rememberizer.auth.user.WellFormedText;

@Schema(description = "The account's password, or a code from the authenticator app being removed: one of the two")
public record TotpRemovalRequest(
        @Schema(description = "The account's password")
        @Size(max = CurrentPassword.MAX_LENGTH, message = CurrentPassword.INVALID)
        @WellFormedText(message = CurrentPassword.INVALID)
        String password,
        @Schema(description = "A current code from the authenticator app (6 digits)", examples = "123456")
        @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits")
        String code) {

    public static final TotpRemovalRequest EMPTY = new TotpRemovalRequest(null, null);

    @JsonIgnore
    @AssertTrue(message = "give the password or a code, one of the two")
    public boolean isOneProof() {
        return (password == null || password.isEmpty()) != (code == null);
    }

    @Override
    public String toString() {
        return "TotpRemovalRequest[***]";
    }
}
