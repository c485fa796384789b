package ai.rememberizer.auth.flow;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.CodePointLength;

import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.problem.ValidationException;

/**
 * Checks a request's Bean Validation constraints and refuses it with one message per field,
 * keyed by the field's JSON name. When a field breaks several rules, the most basic one is
 * reported: missing, then length, then the rest.
 */
@ApplicationScoped
class RequestValidator {

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    <T> void validate(T request) {
        Optional<ValidationException> problems = problems(request);
        if (problems.isPresent()) {
            throw problems.get();
        }
    }

    /** What {@link #validate} would refuse, without refusing it yet. */
    <T> Optional<ValidationException> problems(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> errors = new TreeMap<>();
        violations.stream()
                .sorted(Comparator.<ConstraintViolation<T>> comparingInt(RequestValidator::rank)
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> errors.putIfAbsent(jsonName(request.getClass(), v.getPropertyPath().toString()), v.getMessage()));
        return Optional.of(new ValidationException(errors));
    }

    private static int rank(ConstraintViolation<?> violation) {
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (type == NotNull.class || type == NotBlank.class || type == NotEmpty.class) {
            return 0;
        }
        return type == Size.class || type == CodePointLength.class ? 1 : 2;
    }

    private static String jsonName(Class<?> type, String property) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty json = component.getAccessor().getAnnotation(JsonProperty.class);
                if (component.getName().equals(property) && json != null) {
                    return json.value();
                }
            }
        }
        return property;
    }
}
