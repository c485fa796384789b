package ai.rememberizer.auth.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A PHC string, {@code $<id>[$v=<version>]$<param>=<value>(,<param>=<value>)*$<salt>$<hash>},
 * read in one place for every reader: our Argon2id values ({@link Argon2idPasswordHasher}) and
 * the Argon2 ones that Django stores as {@code argon2} followed by one ({@link ImportedHash}).
 * Which id, version and parameters a reader takes, and within which bounds, is its own rule.
 *
 * <p>Stricter than the PHC format, since nothing we read needs more: the parameters are
 * present, each named once, and all decimal numbers (no sign, no leading zero, at most ten
 * digits, enough for 2<sup>32</sup> - 1 and for a caller to say how far a value is over its
 * cap); salt and hash are present and canonical Base64 without padding, as PHC writes them
 * (what an encoder would write, no stray low bits). {@link #parse} never throws.
 */
record PhcString(String id, OptionalInt version, Map<String, Long> params, byte[] salt, byte[] hash) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final Pattern B64 = Pattern.compile("[A-Za-z0-9+/]+");

    /** The parsed value, or empty if {@code value} is not one of the form above (null included). */
    static Optional<PhcString> parse(String value) {
        if (value == null || !value.startsWith("$")) {
            return Optional.empty();
        }
        // id, [v=version,] params, salt, hash; -1 keeps empty fields, so "$$" or a trailing "$" is refused.
        String[] fields = value.substring(1).split("\\$", -1);
        if ((fields.length != 4 && fields.length != 5) || !NAME.matcher(fields[0]).matches()) {
            return Optional.empty();
        }
        OptionalInt version = OptionalInt.empty();
        if (fields.length == 5) {
            Long v = fields[1].startsWith("v=") ? decimal(fields[1].substring(2)) : null;
            if (v == null || v > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            version = OptionalInt.of(v.intValue());
        }
        Map<String, Long> params = params(fields[fields.length - 3]);
        byte[] salt = base64(fields[fields.length - 2]);
        byte[] hash = base64(fields[fields.length - 1]);
        if (params == null || salt == null || hash == null) {
            return Optional.empty();
        }
        return Optional.of(new PhcString(fields[0], version, params, salt, hash));
    }

    /** {@code m=19456,t=2,p=1} in its order, or null. {@code v} names the version, never a parameter. */
    private static Map<String, Long> params(String field) {
        Map<String, Long> params = new LinkedHashMap<>();
        for (String pair : field.split(",", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            Long number = equals < 0 ? null : decimal(pair.substring(equals + 1));
            if (!NAME.matcher(name).matches() || name.equals("v") || number == null || params.putIfAbsent(name, number) != null) {
                return null;
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static Long decimal(String text) {
        return DECIMAL.matcher(text).matches() ? Long.valueOf(text) : null;
    }

    /** Canonical unpadded standard Base64, or null. */
    private static byte[] base64(String text) {
        if (!B64.matcher(text).matches() || text.length() % 4 == 1) {
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
    }

    /** The parameter, or -1 when absent. */
    long param(String name) {
        return params.getOrDefault(name, -1L);
    }

    /** Whether the parameters are exactly these, in this order. */
    boolean hasParams(String... names) {
        return List.copyOf(params.keySet()).equals(List.of(names));
    }

    /** Names the form, never the salt or hash. */
    @Override
    public String toString() {
        return "PhcString[" + id + (version.isPresent() ? ", v=" + version.getAsInt() : "") + ", " + params + "]";
    }
}
