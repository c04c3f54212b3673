package com.mangaassist.ingress;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The chat WebSocket server's Vert.x pieces, handed to camel-vertx-websocket by reference from
 * {@code mangaassist.ws.endpoint}: a router whose first handler on the chat path is the
 * {@link HandshakeGuard} (camel's own upgrade handler comes after it), and server options that
 * bound frame and message size (Vert.x drops a larger message unread), select the chat subprotocol
 * and close connections idle longer than {@code mangaassist.ws.idle-timeout}.
 */
@Configuration
public class ChatServerConfiguration {

    // Vert.x outlives the Camel routes that use it; the JVM's exit ends its threads
    @Bean(destroyMethod = "")
    public Vertx chatVertx() {
        return Vertx.vertx();
    }

    /** The WebSocket component the chat endpoint's scheme resolves to (by bean name). */
    @Bean("vertx-websocket")
    public ChatWebsocketComponent chatWebsocketComponent(Vertx chatVertx) {
        ChatWebsocketComponent component = new ChatWebsocketComponent();
        component.setVertx(chatVertx);
        return component;
    }

    @Bean
    public Router chatRouter(Vertx chatVertx, HandshakeGuard guard, WebSocketSettings settings) {
        String path = settings.path();
        Router router = Router.router(chatVertx);
        router.route(path).handler(guard);
        return router;
    }

    @Bean
    public HttpServerOptions chatServerOptions(WebSocketSettings settings) {
        int maxFrameBytes = settings.maxFrameBytes();
        Duration idleTimeout = settings.idleTimeout();
        return new HttpServerOptions()
                .setMaxWebSocketFrameSize(maxFrameBytes)
                .setMaxWebSocketMessageSize(maxFrameBytes)
                // the subprotocol the server selects; the session token rides along as a second one (HandshakeGuard)
                .setWebSocketSubProtocols(java.util.List.of(HandshakeGuard.APP_PROTOCOL))
                .setIdleTimeout((int) idleTimeout.toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }
}
