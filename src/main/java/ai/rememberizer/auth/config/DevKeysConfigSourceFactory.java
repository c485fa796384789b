package ai.rememberizer.auth.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In the dev and test profiles only, and only when no signing key is configured: makes an
 * RSA key pair once under {@code target/dev-keys/} and points the SmallRye JWT key settings
 * at it, so {@code ./mvnw quarkus:dev} and the tests need no manual step. Production never
 * gets here: it must configure its keys, or the start stops (see {@code SigningKeys}).
 */
public class DevKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String SIGN_KEY = "smallrye.jwt.sign.key.location";
    static final String VERIFY_KEY = "mp.jwt.verify.publickey.location";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest || context.getValue(SIGN_KEY).getValue() != null) {
            return List.of();
        }
        Path dir = Path.of(System.getProperty("auth.dev-keys.dir", "target/dev-keys")).toAbsolutePath();
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        if (!Files.exists(privateKey)) {
            generate(dir);
        }
        return List.of(new PropertiesConfigSource(
                Map.of(SIGN_KEY, privateKey.toUri().toString(), VERIFY_KEY, publicKey.toUri().toString()),
                "auth-dev-keys", 50));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    /** Writes both files into a fresh folder, then renames it into place, so a racing JVM never sees half a pair. */
    private static void generate(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "dev-keys-");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(tmp.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(tmp.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException alreadyThere) {
                Files.delete(tmp.resolve("public.pem"));
                Files.delete(tmp.resolve("private.pem"));
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dev JWT keys to " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
