package ai.rememberizer.auth.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An account's e-mail address, as sign-up accepts it (after NFC normalisation and trimming,
 * see {@link User#normaliseEmail}): required, at most {@value #MAX_LENGTH} characters, the syntax of
 * {@link DotAtomAddress}.
 */
@Documented
@NotBlank(message = "is required")
@Size(max = EmailAddress.MAX_LENGTH, message = "must be at most " + EmailAddress.MAX_LENGTH + " characters")
@DotAtomAddress
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface EmailAddress {

    /** RFC 5321's limit on a forward path, and the width of {@code users.email}. */
    int MAX_LENGTH = 254;

    String INVALID = "is not a valid e-mail address";

    String message() default INVALID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
