package ai.rememberizer.auth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A web page served from a second port: another origin of the same site as the service
 * (both on {@code localhost}), like an app at app.example.com calling api.example.com. Its
 * origin is the configured CORS origin of the test run.
 */
public class BrowserPage implements QuarkusTestResourceLifecycleManager {

    /** A configured origin no browser uses, for the plain HTTP tests of CORS. */
    public static final String CONFIGURED_ORIGIN = "https://app.rememberizer.test";

    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream page = BrowserPage.class.getResourceAsStream("/browser/page.html")) {
                byte[] body = page.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return Map.of("quarkus.http.cors.origins", CONFIGURED_ORIGIN + "," + origin());
    }

    /** The page's origin, as a browser sees it. */
    public static String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The same page reached by another host name: an origin that is not configured. */
    public static String foreignOrigin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
