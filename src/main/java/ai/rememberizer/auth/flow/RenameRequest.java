package ai.rememberizer.auth.flow;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.rememberizer.auth.user.DisplayName;

@Schema(description = "A new display name")
public record RenameRequest(
        @Schema(description = "Display name, 1 to 150 characters, no control or format characters", examples = "Jane Doe")
        @DisplayName
        String name) {

    public static final RenameRequest EMPTY = new RenameRequest(null);

    RenameRequest normalised() {
        return new RenameRequest(name == null ? null : name.strip());
    }
}
