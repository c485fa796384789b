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

import org.hibernate.validator.constraints.CodePointLength;

/** A display name after trimming: 1 to {@value #MAX_LENGTH} characters (code points), {@link PlainText plain text}. */
@Documented
@NotBlank(message = "is required")
@CodePointLength(max = DisplayName.MAX_LENGTH, message = "must be at most " + DisplayName.MAX_LENGTH + " characters")
@PlainText
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface DisplayName {

    int MAX_LENGTH = 150;

    String message() default "is not a valid name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
