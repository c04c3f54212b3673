package com.mangaassist.ingress;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHost;
import org.apache.camel.component.vertx.websocket.VertxWebsocketPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.vertx.core.http.ServerWebSocket;

/**
 * Writes one frame to one client connection of the WebSocket endpoint the ingress route consumes
 * from ({@code mangaassist.ws.endpoint}), addressed by the connection key.
 *
 * <p>Why not the endpoint's producer for every frame: camel-vertx-websocket's producer finds the
 * addressed peer by scanning every connected peer and splitting its path (String.split per peer per
 * frame). With a frame per token that was most of the service's CPU at 1,000 sessions (bench JFR
 * profile, README "Performance"). So each connection's socket is kept from its open event
 * ({@link ConnectionEvents}); a connection not seen opening is looked up once (a scan of every peer:
 * 15% of the CPU at 10,000 connections when that was the only way), and the producer remains the
 * last fallback.
 */
@Component
public class ChatFrameSender {

    private static final Logger LOG = LoggerFactory.getLogger(ChatFrameSender.class);

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong sends = new AtomicLong();
    private volatile Endpoint endpoint;
    private volatile Method hostRegistry;

    public ChatFrameSender(ProducerTemplate producer, CamelContext camel) {
        this.producer = producer;
        this.camel = camel;
    }

    public void opened(String connectionKey, ServerWebSocket socket) {
        sockets.put(connectionKey, socket);
    }

    public void closed(String connectionKey) {
        sockets.remove(connectionKey);
    }

    public void send(String connectionKey, String frame) {
        ServerWebSocket socket = socket(connectionKey);
        if (socket == null) {
            producer.sendBodyAndHeader(endpoint(), frame, VertxWebsocketConstants.CONNECTION_KEY, connectionKey);
            return;
        }
        if (socket.isClosed()) {
            sockets.remove(connectionKey);
            return; // the shopper went away: nothing to deliver to (as the producer does)
        }
        socket.writeTextMessage(frame);
        if (sends.incrementAndGet() % 10_000 == 0) {
            sockets.values().removeIf(ServerWebSocket::isClosed); // forget closed connections now and then
        }
    }

    private ServerWebSocket socket(String connectionKey) {
        ServerWebSocket cached = sockets.get(connectionKey);
        if (cached != null) {
            return cached;
        }
        ServerWebSocket found = lookup(connectionKey);
        if (found != null) {
            sockets.put(connectionKey, found);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private ServerWebSocket lookup(String connectionKey) {
        try {
            if (!(endpoint() instanceof VertxWebsocketEndpoint ws)) {
                return null;
            }
            Method registry = hostRegistry;
            if (registry == null) {
                registry = VertxWebsocketEndpoint.class.getDeclaredMethod("getVertxHostRegistry");
                registry.setAccessible(true);
                hostRegistry = registry;
            }
            for (VertxWebsocketHost host : ((Map<?, VertxWebsocketHost>) registry.invoke(ws)).values()) {
                VertxWebsocketPeer peer = host.getConnectedPeer(connectionKey);
                if (peer != null) {
                    return peer.getWebSocket();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Direct WebSocket lookup unavailable, using the endpoint's producer: {}", e.toString());
        }
        return null;
    }

    private Endpoint endpoint() {
        Endpoint resolved = endpoint;
        if (resolved == null) {
            resolved = camel.getEndpoint(camel.resolvePropertyPlaceholders("{{mangaassist.ws.endpoint}}"));
            endpoint = resolved;
        }
        return resolved;
    }
}
