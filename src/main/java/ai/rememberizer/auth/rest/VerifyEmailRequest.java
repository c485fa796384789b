package ai.rememberizer.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

@Schema(description = "The code from the verification mail")
public record VerifyEmailRequest(
        @Schema(description = "6 digits", examples = "123456") @JsonProperty("verification_code") String verificationCode) {

    @Override
    public String toString() {
        return "VerifyEmailRequest[***]";
    }
}
