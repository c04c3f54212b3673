package com.mangaassist.ingress;

import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponentConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpointConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHost;
import org.apache.camel.component.vertx.websocket.VertxWebsocketPeer;
import org.apache.camel.spi.PropertyConfigurer;

import io.vertx.core.http.ServerWebSocket;

/**
 * camel-vertx-websocket's component (bean {@code vertx-websocket}, so the chat endpoint uses it),
 * able to find one connected peer by its key: for a message that arrives before its connection's
 * open event ({@link ChatConnections#find}). The component keeps its hosts in a protected registry.
 * Its endpoints route frames on the connection's event loop ({@link EventLoopWebsocketEndpoint}).
 */
public class ChatWebsocketComponent extends VertxWebsocketComponent {

    private static final PropertyConfigurer COMPONENT_OPTIONS = new VertxWebsocketComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new VertxWebsocketEndpointConfigurer();

    /** The open socket with this connection key, or null. */
    public ServerWebSocket connectedPeer(String connectionKey) {
        for (VertxWebsocketHost host : getVertxHostRegistry().values()) {
            VertxWebsocketPeer peer = host.getConnectedPeer(connectionKey);
            if (peer != null) {
                return peer.getWebSocket();
            }
        }
        return null;
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new EventLoopWebsocketEndpoint(uri, this, configuration);
    }

    // Camel finds a component's option configurers by its class: a subclass would get none, and the
    // endpoint's options (serverOptions, router, ...) would be dropped silently (lenient properties)
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
    }
}
