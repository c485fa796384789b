package ai.rememberizer.auth.importer;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.CodePointLength;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import ai.rememberizer.auth.crypto.LegacyHashes;
import ai.rememberizer.auth.user.User;

/**
 * Reads one line of the file into an {@link ImportedUser}, or says why not. The rules:
 * <ul>
 * <li>the line is one JSON object (no duplicate fields, nothing after it); fields other than
 * the five below are ignored;</li>
 * <li>{@code email}: a string, normalised ({@link User#normaliseEmail}) and then valid as at
 * sign-up ({@code @EmailAddress});</li>
 * <li>{@code name}: a string, trimmed, then valid as at sign-up ({@code @DisplayName}: 1 to 150
 * characters of plain text);</li>
 * <li>{@code email_verified}: {@code true} or {@code false}; absent or {@code null} is
 * {@code false} (the address was never proven);</li>
 * <li>{@code password_hash}: a string that {@link LegacyHashes#recognise} accepts (a format we
 * verify, within its cost caps); it is stored as it is, never verified here;</li>
 * <li>{@code created_at}: an ISO-8601 date-time with an offset ({@code 2019-01-09T03:04:06Z},
 * {@code 2019-01-09T03:04:06.123456+00:00}), from 1970 to the start of the import (plus five
 * minutes of clock skew), kept to the microsecond; absent or {@code null} is the start of the
 * import.</li>
 * </ul>
 * No type is coerced: {@code "email_verified": "true"} is refused. A reason names the fields
 * and never quotes a hash or anything past the address.
 */
final class LineParser {

    /** A line's verdict. */
    sealed interface Parsed {
    }

    record Accepted(ImportedUser user) implements Parsed {
    }

    /** {@code email} is the address as the line had it, when it had one as a string (for the report). */
    record Refused(long line, String email, String reason) implements Parsed {
    }

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    /** What a refusal quotes of the address, at most. */
    private static final int MAX_QUOTED_EMAIL = 320;
    private static final Pattern ALGORITHM = Pattern.compile("[A-Za-z0-9_]{1,24}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Validator validator;
    private final Instant now;
    private final Instant latest;

    /** {@code now}: the start of the import, the creation date of lines that give none. */
    LineParser(Validator validator, Instant now) {
        this.validator = validator;
        this.now = now.truncatedTo(ChronoUnit.MICROS);
        this.latest = now.plus(CLOCK_SKEW);
    }

    Parsed parse(long line, String text) {
        if (text.isBlank()) {
            return new Refused(line, null, "empty line");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Never Jackson's message: it quotes the line, hash included.
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String what = original.startsWith("Duplicate field") ? "a field appears twice"
                    : original.startsWith("Trailing token") ? "more than one JSON value on the line" : "not valid JSON";
            return new Refused(line, null, what + (e.getLocation() != null && e.getLocation().getColumnNr() > 0
                    ? " (at column " + e.getLocation().getColumnNr() + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            return new Refused(line, null, "not a JSON object");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String email = text(root, "email", errors);
        String quoted = email == null ? null : email.length() > MAX_QUOTED_EMAIL ? email.substring(0, MAX_QUOTED_EMAIL) : email;
        String name = text(root, "name", errors);
        boolean verified = false;
        JsonNode verifiedNode = root.get("email_verified");
        if (verifiedNode != null && !verifiedNode.isNull()) {
            if (verifiedNode.isBoolean()) {
                verified = verifiedNode.booleanValue();
            } else {
                errors.put("email_verified", "must be true or false");
            }
        }
        String hash = text(root, "password_hash", errors);
        if (hash != null && LegacyHashes.recognise(hash).isEmpty()) {
            errors.put("password_hash", unrecognised(hash));
        }
        Instant createdAt = now;
        JsonNode createdNode = root.get("created_at");
        if (createdNode != null && !createdNode.isNull()) {
            if (!createdNode.isTextual()) {
                errors.put("created_at", "must be a string");
            } else {
                createdAt = instant(createdNode.textValue(), errors);
            }
        }
        String normalisedEmail = User.normaliseEmail(email);
        String trimmedName = name == null ? null : name.strip();
        validate(new ImportedFields(normalisedEmail, trimmedName), errors);
        if (!errors.isEmpty()) {
            return new Refused(line, quoted, describe(errors));
        }
        return new Accepted(new ImportedUser(line, UUID.randomUUID(), normalisedEmail, User.keyOf(normalisedEmail), trimmedName,
                hash, verified, createdAt));
    }

    /** The field's string; {@code null} (with an error) when it is absent, null or not a string. */
    private static String text(JsonNode root, String field, Map<String, String> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.put(field, "is required");
            return null;
        }
        if (!node.isTextual()) {
            errors.put(field, "must be a string");
            return null;
        }
        return node.textValue();
    }

    private Instant instant(String text, Map<String, String> errors) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.put("created_at", "must be an ISO-8601 date-time with an offset, like 2019-01-09T03:04:06Z");
            return null;
        }
        if (at.isBefore(EARLIEST)) {
            errors.put("created_at", "is before 1970");
        } else if (at.isAfter(latest)) {
            errors.put("created_at", "is in the future");
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** Why a hash is refused, naming its algorithm when it has a known one, never quoting it. */
    private static String unrecognised(String hash) {
        Optional<String> overCap = LegacyHashes.overCap(hash);
        if (overCap.isPresent()) {
            return overCap.get() + " (docs/LEGACY-HASHES.md)";
        }
        if (hash.startsWith("!")) {
            return "is an unusable password (Django's '!'): there is no password to import";
        }
        if (hash.isEmpty()) {
            return "is empty";
        }
        for (String known : new String[] { "pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$", "bcrypt_sha256$", "bcrypt$", "$2a$",
                "$2b$", "$2y$", "$argon2id$" }) {
            if (hash.startsWith(known)) {
                return "is a malformed '" + known + "' hash (docs/LEGACY-HASHES.md)";
            }
        }
        String prefix = hash.startsWith("$") ? hash.substring(1) : hash;
        int dollar = prefix.indexOf('$');
        String algorithm = dollar > 0 ? prefix.substring(0, dollar) : null;
        return algorithm != null && ALGORITHM.matcher(algorithm).matches()
                ? "has a format we do not accept ('" + algorithm + "')"
                : "is not a password hash in a format we accept";
    }

    private void validate(ImportedFields fields, Map<String, String> errors) {
        Set<ConstraintViolation<ImportedFields>> violations = validator.validate(fields);
        if (violations.isEmpty()) {
            return;
        }
        // As at sign-up: the most basic rule a field breaks is the one reported.
        violations.stream()
                .sorted(Comparator.<ConstraintViolation<ImportedFields>> comparingInt(LineParser::rank)
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), v.getMessage()));
    }

    private static int rank(ConstraintViolation<?> violation) {
        Class<? extends Annotation> type = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (type == NotNull.class || type == NotBlank.class) {
            return 0;
        }
        return type == Size.class || type == CodePointLength.class ? 1 : 2;
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder reason = new StringBuilder();
        for (String field : new String[] { "email", "name", "email_verified", "password_hash", "created_at" }) {
            String error = errors.get(field);
            if (error != null) {
                reason.append(reason.isEmpty() ? "" : "; ").append(field).append(": ").append(error);
            }
        }
        return reason.toString();
    }
}
