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
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * A password presented to be checked (sign-in): required and hashable. Anything far longer
 * than a password we accept ({@value #MAX_LENGTH} UTF-16 units, against 128 code points) is
 * refused before it costs a hash.
 */
@Documented
@NotEmpty(message = "is required")
@Size(max = CurrentPassword.MAX_LENGTH, message = CurrentPassword.INVALID)
@WellFormedText(message = CurrentPassword.INVALID)
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface CurrentPassword {

    int MAX_LENGTH = 1024;

    String INVALID = "is not valid";

    String message() default INVALID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
