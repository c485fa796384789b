package ai.rememberizer.auth.user;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * On a request that carries an address and a new password: the password is not the address
 * (in any case, ignoring surrounding spaces). The error is reported on {@link #field()}.
 */
@Documented
@Constraint(validatedBy = NotTheEmailAddress.Validator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface NotTheEmailAddress {

    String message() default "must not be the e-mail address";

    /** The JSON name of the password field the error is reported on. */
    String field() default "password";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What the constraint reads. */
    interface Checked {
        String emailAddress();

        String newPassword();
    }

    class Validator implements ConstraintValidator<NotTheEmailAddress, Checked> {
        private String field;

        @Override
        public void initialize(NotTheEmailAddress annotation) {
            this.field = annotation.field();
        }

        @Override
        public boolean isValid(Checked value, ConstraintValidatorContext context) {
            if (value == null || value.emailAddress() == null || value.newPassword() == null
                    || !value.newPassword().trim().equalsIgnoreCase(value.emailAddress().trim())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
