package ai.rememberizer.auth.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import ai.rememberizer.auth.config.AuthConfig;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;

/**
 * The hashing pool (one thread per core by default, as many as the heap holds: {@link
 * HashingPool#sized}), the Argon2id hasher with the configured
 * parameters, and the verifier of imported hashes: both hash on the same pool. At start the
 * hasher is made and warmed up ({@code auth.password.warm-up}), so the first sign-in pays
 * neither.
 */
public class PasswordHasherProducer {

    private static final Logger LOG = Logger.getLogger(PasswordHasherProducer.class);

    @Produces
    @Singleton
    HashingPool hashingPool(AuthConfig config) {
        AuthConfig.Password p = config.password();
        long maxHeap = Runtime.getRuntime().maxMemory();
        HashingPool.Sizing sizing = HashingPool.sized(maxHeap, p.heapReserveMib() * 1024L,
                Runtime.getRuntime().availableProcessors(), p.maxConcurrentHashes(), p.memoryKib(),
                LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        if (sizing.warning() != null) {
            LOG.warn(sizing.warning());
        }
        LOG.infof("Password hashing: %d thread(s), and %d MiB beside them for imported hashes (heap %d MiB)",
                sizing.threads(), sizing.budgetKib() >> 10, maxHeap >> 20);
        return new HashingPool(sizing.threads(), sizing.budgetKib());
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
