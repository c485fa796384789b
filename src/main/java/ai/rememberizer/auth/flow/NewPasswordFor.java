package ai.rememberizer.auth.flow;

import ai.rememberizer.auth.user.NotTheEmailAddress;

/** A new password checked against the account's own address (which the request does not carry). */
@NotTheEmailAddress(field = "new_password")
record NewPasswordFor(String emailAddress, String newPassword) implements NotTheEmailAddress.Checked {
    @Override
    public String toString() {
        return "NewPasswordFor[***]";
    }
}
