package com.mangaassist.ingress;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;


import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;

/** A connection registry for tests without a WebSocket server: connections opened on mocked sockets. */
final class TestConnections {

    private TestConnections() {
    }

    static ChatConnections registry() {
        return registry(new SimpleMeterRegistry(), 1 << 20);
    }

    /** Counting into {@code meters}, closing a connection past {@code maxQueuedBytes} unflushed. */
    static ChatConnections registry(io.micrometer.core.instrument.MeterRegistry meters, long maxQueuedBytes) {
        return new ChatConnections(TestTokens.signer(), meters, maxQueuedBytes, 50);
    }

    /** A mocked socket whose handshake offered {@code userId}'s token, as a browser does. */
    static ServerWebSocket socketOf(String userId) {
        ServerWebSocket socket = mock(ServerWebSocket.class);
        String[] protocols = TestTokens.protocols(userId);
        when(socket.headers()).thenReturn(MultiMap.caseInsensitiveMultiMap()
                .add(HandshakeGuard.SEC_WEBSOCKET_PROTOCOL, String.join(", ", protocols)));
        when(socket.writeTextMessage(org.mockito.ArgumentMatchers.anyString())).thenReturn(Future.succeededFuture());
        return socket;
    }
}
