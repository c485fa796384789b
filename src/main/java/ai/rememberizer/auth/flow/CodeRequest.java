package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.verification.CodeFormat;

@Schema(description = "The code from the mail sent to the new address")
public record CodeRequest(
        @Schema(description = "6 digits", examples = "123456")
        @CodeFormat
        String code) {

    public static final CodeRequest EMPTY = new CodeRequest(null);

    @Override
    public String toString() {
        return "CodeRequest[***]";
    }
}
