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
 * The login of a sign-in: an address in any case. Only its shape is checked (a login that
 * cannot be an address we accepted is refused before any lookup); whether it exists is the
 * password check's business, and answered the same either way.
 */
@Documented
@NotBlank(message = "is required")
@Size(max = EmailAddress.MAX_LENGTH, message = EmailAddress.INVALID)
@CleanText(message = EmailAddress.INVALID)
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface Login {

    String message() default EmailAddress.INVALID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
