package ai.rememberizer.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new account. The e-mail and the name are trimmed; the password is taken as typed.")
public record SignUpRequest(
        @Schema(description = "E-mail address, unique without regard to case, at most 254 characters", examples = "user@example.com")
        String email,
        @Schema(description = "8 to 128 characters (Unicode code points); not a common password, not the e-mail address")
        String password,
        @Schema(description = "Display name, 1 to 150 characters, no control characters", examples = "John Doe")
        String name,
        @Schema(description = "The captcha provider's response token")
        String captcha) {

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + "]";
    }
}
