package ai.rememberizer.auth.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.flow.MfaFlow;
import ai.rememberizer.auth.mfa.Authenticators;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies of the second factor's answers. */
final class MfaResponses {

    private MfaResponses() {
    }

    @Schema(name = "MfaStatus", description = "The account's second factors")
    @RegisterForReflection
    record Status(
            @Schema(description = "The authenticator app") Totp totp,
            @Schema(description = "Recovery codes not used yet") @JsonProperty("recovery_codes_remaining") int recoveryCodesRemaining,
            @Schema(description = "How many passkeys the account has") int passkeys) {

        static Status of(MfaFlow.Status status) {
            return new Status(new Totp(status.totpSince().isPresent(), status.totpSince().orElse(null)),
                    status.recoveryCodesRemaining(), status.passkeys());
        }
    }

    @Schema(name = "MfaTotpStatus")
    @RegisterForReflection
    record Totp(
            @Schema(description = "Whether an authenticator app is set up (confirmed)") boolean enabled,
            @Schema(description = "When it was confirmed; null when none is") @JsonProperty("created_at") Instant createdAt) {
    }

    @Schema(name = "TotpEnrolment", description = "A pending authenticator: add it to the app, then confirm it with a code")
    @RegisterForReflection
    record Enrolment(
            @Schema(description = "The 160-bit secret in Base32, to type into the app") String secret,
            @Schema(description = "The otpauth://totp/ URI, to show as a QR code") @JsonProperty("otpauth_uri") String otpauthUri,
            @Schema(description = "When the enrolment ends unless confirmed") @JsonProperty("expires_at") Instant expiresAt) {

        static Enrolment of(Authenticators.Enrolment enrolment) {
            return new Enrolment(enrolment.secret(), enrolment.otpauthUri(), enrolment.expiresAt());
        }

        @Override
        public String toString() {
            return "Enrolment[***]";
        }
    }

    @Schema(name = "RecoveryCodes", description = "New recovery codes, shown this once; each works once")
    @RegisterForReflection
    record RecoveryCodes(@Schema(description = "10 codes of 16 Base32 characters") @JsonProperty("recovery_codes") List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[***]";
        }
    }

    @Schema(name = "RecoveryCodesRemaining", description = "Signed in with a recovery code: how many are left")
    @RegisterForReflection
    record Remaining(@JsonProperty("recovery_codes_remaining") int recoveryCodesRemaining) {
    }
}
