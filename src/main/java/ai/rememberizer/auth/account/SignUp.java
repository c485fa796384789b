package ai.rememberizer.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A sign-up after trimming; its annotations are the shape rules, {@link PasswordPolicy} the rest. */
public record SignUp(
        @NotBlank(message = "is required")
        @Size(max = 254, message = "must be at most 254 characters")
        @Email(message = "is not a valid e-mail address")
        String email,

        @NotNull(message = "is required")
        String password,

        @NotBlank(message = "is required")
        String name) {

    public static final int MAX_NAME_LENGTH = 150;

    /** Trims the address and the name; the password is taken exactly as typed. */
    public static SignUp of(String email, String password, String name) {
        return new SignUp(email == null ? null : email.strip(), password, name == null ? null : name.strip());
    }

    @Override
    public String toString() {
        return "SignUp[email=" + email + "]";
    }
}
