package ai.rememberizer.auth.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Sees every SQL statement the service sends through Hibernate, and keeps them while a test
 * asks it to: the query-plan script's statements are proven to be the service's own with it.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class SqlCapture implements StatementInspector {

    private static final ConcurrentLinkedQueue<String> CAPTURED = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    @Override
    public String inspect(String sql) {
        if (recording) {
            CAPTURED.add(sql);
        }
        return sql;
    }

    public static void start() {
        CAPTURED.clear();
        recording = true;
    }

    public static List<String> stop() {
        recording = false;
        return List.copyOf(CAPTURED);
    }
}
