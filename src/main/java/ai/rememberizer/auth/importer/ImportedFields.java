package ai.rememberizer.auth.importer;

import ai.rememberizer.auth.user.DisplayName;
import ai.rememberizer.auth.user.EmailAddress;

/**
 * The fields of a line that sign-up also takes, with sign-up's own constraints, so an
 * imported account obeys exactly the rules of one made here.
 */
public record ImportedFields(@EmailAddress String email, @DisplayName String name) {
}
