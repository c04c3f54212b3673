package com.mangaassist.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.springframework.stereotype.Component;

import io.vertx.core.http.ServerWebSocket;

/**
 * The chat WebSocket's open and close events (the consumer's {@code fireWebSocketConnectionEvents}):
 * an opened connection is registered with its socket and its handshake's identity
 * ({@link ChatConnections}), so replies never search camel-vertx-websocket's list of peers for it, and
 * a closed one is forgotten.
 */
@Component("connectionEvents")
public class ConnectionEvents {

    private final ChatConnections connections;

    public ConnectionEvents(ChatConnections connections) {
        this.connections = connections;
    }

    /** True for open, close and error events; false for a client's message frame. */
    public boolean isConnectionEvent(Exchange exchange) {
        Object event = exchange.getMessage().getHeader(VertxWebsocketConstants.EVENT);
        return event != null && !"MESSAGE".equals(event.toString());
    }

    public void track(Exchange exchange) {
        String connectionKey = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        String event = String.valueOf(exchange.getMessage().getHeader(VertxWebsocketConstants.EVENT));
        if ("OPEN".equals(event) && exchange.getMessage().getBody() instanceof ServerWebSocket socket) {
            connections.opened(connectionKey, socket);
        } else if ("CLOSE".equals(event)) {
            connections.closed(connectionKey);
        }
    }
}
