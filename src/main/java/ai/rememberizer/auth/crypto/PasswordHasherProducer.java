package ai.rememberizer.auth.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;

/**
 * The hashing pool (one thread per core by default), the Argon2id hasher with the configured
 * parameters, and the verifier of imported hashes: both hash on the same pool. At start the
 * hasher is made and warmed up ({@code auth.password.warm-up}), so the first sign-in pays
 * neither.
 */
public class PasswordHasherProducer {

    @Produces
    @Singleton
    HashingPool hashingPool(AuthConfig config) {
        int concurrent = config.password().maxConcurrentHashes();
        return new HashingPool(concurrent > 0 ? concurrent : Runtime.getRuntime().availableProcessors());
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    PasswordHasher passwordHasher(AuthConfig config, HashingPool pool) {
        AuthConfig.Password p = config.password();
        return new Argon2idPasswordHasher(p.memoryKib(), p.iterations(), p.parallelism(), pool);
    }

    @Produces
    @Singleton
    LegacyHashes legacyHashes(HashingPool pool) {
        return new LegacyHashes(pool);
    }

    void warmUp(@Observes StartupEvent event, AuthConfig config, PasswordHasher hasher) {
        if (config.password().warmUp()) {
            hasher.warmUp();
        }
    }
}
