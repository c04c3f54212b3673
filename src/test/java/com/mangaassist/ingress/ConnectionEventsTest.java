package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.ServerWebSocket;

/** Open and close events decide where a connection's replies go, without a search of every peer. */
class ConnectionEventsTest {

    private final ProducerTemplate producer = mock(ProducerTemplate.class);
    private final ChatFrameSender sender = new ChatFrameSender(producer, mock(CamelContext.class));
    private final ConnectionEvents events = new ConnectionEvents(sender);
    private final CamelContext camel = new DefaultCamelContext();

    private Exchange event(String type, Object body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(VertxWebsocketConstants.EVENT, type);
        exchange.getMessage().setHeader(VertxWebsocketConstants.CONNECTION_KEY, "conn-1");
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void repliesGoStraightToAnOpenedConnectionsSocketUntilItCloses() {
        ServerWebSocket socket = mock(ServerWebSocket.class);
        Exchange open = event("OPEN", socket);
        assertThat(events.isConnectionEvent(open)).isTrue();
        events.track(open);

        sender.send("conn-1", "{\"type\":\"token\"}");
        verify(socket).writeTextMessage("{\"type\":\"token\"}");
        verify(producer, never()).sendBodyAndHeader(any(Endpoint.class), any(), anyString(), any());

        events.track(event("CLOSE", null));
        sender.send("conn-1", "{\"type\":\"done\"}");
        verify(socket, never()).writeTextMessage("{\"type\":\"done\"}");
        verify(producer).sendBodyAndHeader((Endpoint) any(), eq("{\"type\":\"done\"}"), eq(VertxWebsocketConstants.CONNECTION_KEY), eq("conn-1"));
    }

    @Test
    void aClientsMessageIsNotAConnectionEvent() {
        assertThat(events.isConnectionEvent(event("MESSAGE", "{}"))).isFalse();
    }
}
