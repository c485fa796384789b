package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.verification.CodeFormat;

@Schema(description = "The code from the verification mail")
public record VerifyEmailRequest(
        @Schema(description = "6 digits", examples = "123456")
        @JsonProperty("verification_code")
        @CodeFormat
        String verificationCode) {

    /** What an empty body means. */
    public static final VerifyEmailRequest EMPTY = new VerifyEmailRequest(null);

    @Override
    public String toString() {
        return "VerifyEmailRequest[***]";
    }
}
