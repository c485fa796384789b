package ai.rememberizer.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonProperty;

@Schema(description = "The address is verified")
@RegisterForReflection
public record VerifyEmailResponse(@Schema(description = "Always true") @JsonProperty("email_verified") boolean emailVerified) {
}
