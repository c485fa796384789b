package ai.rememberizer.auth.rest;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * Ready when the database answers. The answer names no host, user or exception (the
 * datasource's own check would print the driver's error text to anyone who asks); the cause
 * goes to the log.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);

    private final AgroalDataSource dataSource;

    DatabaseReadiness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                return HealthCheckResponse.up("database");
            }
            LOG.warn("Readiness: the database connection is not valid");
        } catch (Exception e) {
            LOG.warnf("Readiness: the database cannot be reached: %s", e.getMessage());
        }
        return HealthCheckResponse.down("database");
    }
}
