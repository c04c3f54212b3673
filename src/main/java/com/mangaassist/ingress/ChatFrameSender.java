package com.mangaassist.ingress;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.springframework.stereotype.Component;

/**
 * Writes one frame to one client connection through the WebSocket endpoint the ingress route
 * consumes from ({@code mangaassist.ws.endpoint}), addressed by the connection key.
 */
@Component
public class ChatFrameSender {

    private final ProducerTemplate producer;
    private final CamelContext camel;
    private volatile Endpoint endpoint;

    public ChatFrameSender(ProducerTemplate producer, CamelContext camel) {
        this.producer = producer;
        this.camel = camel;
    }

    public void send(String connectionKey, String frame) {
        producer.sendBodyAndHeader(endpoint(), frame, VertxWebsocketConstants.CONNECTION_KEY, connectionKey);
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
