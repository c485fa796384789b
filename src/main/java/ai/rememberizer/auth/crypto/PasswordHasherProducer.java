package ai.rememberizer.auth.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;

/** The Argon2id hasher with the configured parameters; one hash per core at most by default. */
public class PasswordHasherProducer {

    @Produces
    @ApplicationScoped
    @DefaultBean
    PasswordHasher passwordHasher(AuthConfig config) {
        AuthConfig.Password p = config.password();
        int concurrent = p.maxConcurrentHashes() > 0 ? p.maxConcurrentHashes() : Runtime.getRuntime().availableProcessors();
        return new Argon2idPasswordHasher(p.memoryKib(), p.iterations(), p.parallelism(), concurrent);
    }
}
