package com.mangaassist.ingress;

import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponentConfigurer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-vertx-websocket's component (bean {@code vertx-websocket}, so the chat endpoint uses it),
 * whose endpoints route frames on the connection's event loop ({@link EventLoopWebsocketEndpoint}).
 */
public class ChatWebsocketComponent extends VertxWebsocketComponent {

    private static final PropertyConfigurer COMPONENT_OPTIONS = new VertxWebsocketComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new VertxWebsocketEndpointConfigurer();

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
