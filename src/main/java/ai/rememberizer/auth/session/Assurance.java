package ai.rememberizer.auth.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the user of a session proved who they are, as the access token's claims say it:
 * {@code auth_time} (when they last did), {@code aal} (one factor or two, as NIST SP 800-63B-4
 * counts them) and {@code amr} (the methods, RFC 8176 values). A refresh copies it and never
 * raises it; only a second step on the session does.
 */
public record Assurance(Instant authTime, int level, List<String> methods) {

    public static final String PASSWORD = "pwd";
    public static final String ONE_TIME_CODE = "otp";
    public static final String MULTIPLE_FACTORS = "mfa";

    public Assurance {
        if (level != 1 && level != 2) {
            throw new IllegalArgumentException("aal is 1 or 2");
        }
        methods = List.copyOf(methods);
    }

    /** A password, just now. */
    public static Assurance password(Instant now) {
        return new Assurance(now, 1, List.of(PASSWORD));
    }

    /** The first step's methods and a second factor's, proved just now: {@code aal2}. */
    public Assurance withSecondFactor(String method, Instant now) {
        Set<String> all = new LinkedHashSet<>(methods);
        all.add(method);
        all.add(MULTIPLE_FACTORS);
        return new Assurance(now, 2, List.copyOf(all));
    }

    /** The claim's value: {@code aal1} or {@code aal2}. */
    public String aal() {
        return "aal" + level;
    }

    /** As the sessions table stores the methods: space-separated. */
    public String storedMethods() {
        return String.join(" ", methods);
    }

    public static List<String> methodsOf(String stored) {
        return stored == null || stored.isBlank() ? List.of(PASSWORD) : Arrays.asList(stored.trim().split(" +"));
    }
}
