package ai.rememberizer.auth.problem;

import java.util.Map;
import java.util.TreeMap;

/** 400 {@code validation_failed}, with the field name to message map the contract asks for. */
public class ValidationException extends AuthException {

    private final transient Map<String, String> errors;

    public ValidationException(Map<String, String> errors) {
        super(ProblemCode.VALIDATION_FAILED);
        this.errors = Map.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, message));
    }

    /** The errors, sorted by field name. */
    public Map<String, String> errors() {
        return new TreeMap<>(errors);
    }
}
