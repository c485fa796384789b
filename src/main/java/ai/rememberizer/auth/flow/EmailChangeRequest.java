package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.user.CurrentPassword;
import ai.rememberizer.auth.user.EmailAddress;
import ai.rememberizer.auth.user.User;

@Schema(description = "A new e-mail address, and the password")
public record EmailChangeRequest(
        @Schema(description = "The new address; a code is mailed to it", examples = "new@example.com")
        @JsonProperty("new_email")
        @EmailAddress
        String newEmail,
        @Schema(description = "The account's password")
        @CurrentPassword
        String password) {

    public static final EmailChangeRequest EMPTY = new EmailChangeRequest(null, null);

    EmailChangeRequest normalised() {
        return new EmailChangeRequest(User.normaliseEmail(newEmail), password);
    }

    @Override
    public String toString() {
        return "EmailChangeRequest[newEmail=" + newEmail + "]";
    }
}
