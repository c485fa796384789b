package ai.rememberizer.auth.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address: the connection's, or the forwarded one when Quarkus's own proxy
 * forwarding ({@code quarkus.http.proxy.*}) is on, since Quarkus then rewrites it.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null ? null : address.hostAddress();
    }
}
