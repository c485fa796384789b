package ai.rememberizer.auth.user;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text that is {@link WellFormedText well formed} and free of control characters (NUL
 * included, which PostgreSQL text cannot hold). {@code null} passes: say
 * {@code @NotNull} where a value is required.
 */
@Documented
@Constraint(validatedBy = CleanText.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface CleanText {

    String message() default "must be text without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CleanText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isClean(value);
        }

        public static boolean isClean(String value) {
            return WellFormedText.Validator.isWellFormed(value) && value.chars().noneMatch(Character::isISOControl);
        }
    }
}
