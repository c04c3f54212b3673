package com.mangaassist.ingress;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;

/**
 * Sends one frame to one shopper (bean {@code shopper}: the routes' "send" steps), straight to the
 * connection's socket ({@link ChatConnections}).
 *
 * <p>Why not the endpoint's producer: camel-vertx-websocket's producer finds the addressed peer by
 * scanning every connected peer and splitting its path (String.split per peer per frame). With a
 * frame per token that was most of the service's CPU at 1,000 sessions (bench JFR profile,
 * docs/performance.md). A key with no open connection gets nothing: the shopper went away.
 */
@Component("shopper")
public class ChatFrameSender {

    private final ChatConnections connections;

    public ChatFrameSender(ChatConnections connections) {
        this.connections = connections;
    }

    /** To the connection the request came from. */
    public void send(ChatRequest request, String frame) {
        sendTo(request.connectionKey(), frame);
    }

    public void sendTo(String connectionKey, String frame) {
        ChatConnection connection = connections.findOpen(connectionKey);
        if (connection != null) {
            connections.write(connection, frame);
        }
    }
}
