package ai.rememberizer.auth.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.CodePointLength;

/**
 * A password being chosen: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} Unicode code points,
 * never truncated, no composition rules, not one of the 10,000 most common passwords (NIST
 * SP 800-63B). That it is not the account's address is {@link NotTheEmailAddress}.
 */
@Documented
@NotNull(message = "is required")
@WellFormedText
@CodePointLength(min = NewPassword.MIN_LENGTH, max = NewPassword.MAX_LENGTH,
        message = "must be " + NewPassword.MIN_LENGTH + " to " + NewPassword.MAX_LENGTH + " characters long")
@NewPassword.NotCommon
@Constraint(validatedBy = {})
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface NewPassword {

    int MIN_LENGTH = 8;
    int MAX_LENGTH = 128;

    String message() default "is not an acceptable password";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Not in {@link CommonPasswords}. */
    @Documented
    @Constraint(validatedBy = NotCommonValidator.class)
    @Target({ FIELD, PARAMETER, RECORD_COMPONENT, java.lang.annotation.ElementType.ANNOTATION_TYPE })
    @Retention(RUNTIME)
    @interface NotCommon {
        String message() default "is too common; choose another";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @ApplicationScoped
    class NotCommonValidator implements ConstraintValidator<NotCommon, String> {
        private final CommonPasswords common;

        NotCommonValidator(CommonPasswords common) {
            this.common = common;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !common.contains(value);
        }
    }
}
