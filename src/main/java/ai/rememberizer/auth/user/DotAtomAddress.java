package ai.rememberizer.auth.user;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The contract's address syntax, the one a mail server will deliver to: a dot-atom local part
 * (no quoted strings, no comments; UTF-8 letters allowed as RFC 6531 allows them) of at most
 * 64 octets, {@code @}, and a DNS domain of at least two labels (no IP literal, no
 * all-numeric top-level label), each label valid for IDNA. {@code null} passes.
 */
@Documented
@Constraint(validatedBy = DotAtomAddress.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, ANNOTATION_TYPE })
@Retention(RUNTIME)
public @interface DotAtomAddress {

    String message() default EmailAddress.INVALID;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DotAtomAddress, String> {

        /** RFC 5322 atext besides letters and digits. */
        private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
        private static final Pattern ASCII_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValidAddress(value);
        }

        public static boolean isValidAddress(String value) {
            int at = value.indexOf('@');
            if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
                return false;
            }
            return isDotAtom(value.substring(0, at)) && isDnsDomain(value.substring(at + 1));
        }

        private static boolean isDotAtom(String local) {
            if (local.getBytes(StandardCharsets.UTF_8).length > 64 || local.startsWith(".") || local.endsWith(".")
                    || local.contains("..")) {
                return false;
            }
            return local.codePoints().allMatch(cp -> cp == '.' || (cp < 0x80
                    ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || ATEXT_SYMBOLS.indexOf(cp) >= 0
                    : isWordCharacter(cp)));
        }

        private static boolean isDnsDomain(String domain) {
            if (domain.startsWith("[") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                    || !domain.codePoints().allMatch(cp -> cp == '.' || cp == '-' || Character.isLetterOrDigit(cp) || isMark(cp))) {
                return false;
            }
            String ascii;
            try {
                ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return false;
            }
            String[] labels = ascii.split("\\.", -1);
            if (labels.length < 2 || ascii.length() > 253) {
                return false;
            }
            for (String label : labels) {
                if (!ASCII_LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
        }

        private static boolean isWordCharacter(int cp) {
            return Character.isLetterOrDigit(cp) || isMark(cp);
        }

        private static boolean isMark(int cp) {
            int type = Character.getType(cp);
            return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
        }
    }
}
