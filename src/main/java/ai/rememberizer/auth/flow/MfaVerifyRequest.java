package ai.rememberizer.auth.flow;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

@Schema(description = "The second step: the mfa_token (or its cookie) and one proof: a code from the authenticator app, "
        + "a recovery code, or a passkey assertion")
public record MfaVerifyRequest(
        @Schema(description = "The mfa_token of the mfa_required answer; the mfa_token cookie serves when this is absent")
        @JsonProperty("mfa_token")
        @Size(max = 128, message = "is not valid")
        @Pattern(regexp = "[A-Za-z0-9_-]*", message = "is not valid")
        String mfaToken,
        @Schema(description = "A current code from the authenticator app (6 digits)", examples = "123456")
        @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits")
        String code,
        @Schema(description = "One of the recovery codes (16 Base32 characters; case, spaces and dashes do not matter)")
        @JsonProperty("recovery_code")
        @Size(max = 64, message = "is not valid")
        @Pattern(regexp = "[A-Za-z2-7 -]+", message = "is not valid")
        String recoveryCode,
        @Schema(description = "A passkey assertion (WebAuthn); for accounts with a passkey")
        JsonNode passkey) {

    public static final MfaVerifyRequest EMPTY = new MfaVerifyRequest(null, null, null, null);

    @JsonIgnore
    @AssertTrue(message = "give one of code, recovery_code or passkey")
    public boolean isOneProof() {
        return (code != null ? 1 : 0) + (recoveryCode != null ? 1 : 0) + (passkey != null && !passkey.isNull() ? 1 : 0) == 1;
    }

    @Override
    public String toString() {
        return "MfaVerifyRequest[***]";
    }
}
