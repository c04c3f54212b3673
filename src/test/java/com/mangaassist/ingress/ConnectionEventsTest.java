package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.ServerWebSocket;

/** Open and close events decide where a connection's replies go and whose they are, without a search of every peer. */
class ConnectionEventsTest {

    private final ChatConnections connections = TestConnections.registry();
    private final ChatFrameSender sender = new ChatFrameSender(connections);
    private final ConnectionEvents events = new ConnectionEvents(connections);
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
        ServerWebSocket socket = TestConnections.socketOf("alice");
        Exchange open = event("OPEN", socket);
        assertThat(events.isConnectionEvent(open)).isTrue();
        events.track(open);
        assertThat(connections.findOpen("conn-1").identity().userId()).isEqualTo("alice"); // from the handshake, once

        sender.sendTo("conn-1", "{\"type\":\"token\"}");
        verify(socket).writeTextMessage("{\"type\":\"token\"}");

        events.track(event("CLOSE", null));
        sender.sendTo("conn-1", "{\"type\":\"done\"}");
        verify(socket, never()).writeTextMessage("{\"type\":\"done\"}");
        assertThat(connections.findOpen("conn-1")).isNull();
    }

    @Test
    void aSocketWhoseHandshakeHadNoValidTokenHasNoIdentity() {
        ServerWebSocket socket = mock(ServerWebSocket.class);
        org.mockito.Mockito.when(socket.headers()).thenReturn(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                .add(HandshakeGuard.SEC_WEBSOCKET_PROTOCOL, HandshakeGuard.APP_PROTOCOL + ", mangaassist.token.forged"));
        events.track(event("OPEN", socket));
        assertThat(connections.findOpen("conn-1").identity()).isNull();
    }

    @Test
    void aClientsMessageIsNotAConnectionEvent() {
        assertThat(events.isConnectionEvent(event("MESSAGE", "{}"))).isFalse();
    }

    @Test
    void aCloseHandledBeforeItsOpenLeavesNothingRegistered() {
        ServerWebSocket socket = TestConnections.socketOf("alice");
        org.mockito.Mockito.when(socket.isClosed()).thenReturn(true);
        events.track(event("CLOSE", null)); // the events run in no set order
        events.track(event("OPEN", socket));
        assertThat(connections.findOpen("conn-1")).isNull();
    }
}
