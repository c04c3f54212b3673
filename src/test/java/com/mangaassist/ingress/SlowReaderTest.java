package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * A client that never reads its replies cannot make the server queue them without bound: past
 * {@code mangaassist.ws.max-queued-bytes} unflushed, the connection is closed with 1013 and counted.
 * A real Vert.x WebSocket server and the JDK client over loopback (the kernel's socket buffers fill
 * first, then Vert.x's outbound queue), so it is the network's backpressure that is measured.
 */
class SlowReaderTest {

    private static final int LIMIT = 256 * 1024;
    private static final String FRAME = "x".repeat(16 * 1024);

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ChatConnections connections = TestConnections.registry(meters, LIMIT);
    private final CompletableFuture<ServerWebSocket> accepted = new CompletableFuture<>();
    private final CompletableFuture<Void> serverSideClosed = new CompletableFuture<>();
    private int port;

    private void startServer() throws Exception {
        // a short closing handshake: a client that reads nothing never answers the close frame
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setWebSocketClosingTimeout(1))
                .webSocketHandler(socket -> {
                    socket.closeHandler(v -> serverSideClosed.complete(null));
                    accepted.complete(socket);
                });
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close();
    }

    private WebSocket connect(boolean reads, AtomicInteger received) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        if (reads) {
                            webSocket.request(1);
                        } // else: no demand, ever: the JDK client stops reading from the socket
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        if (last) {
                            received.incrementAndGet();
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    private double closedSlowReaders() {
        return meters.get("mangaassist.ws.closed").tag("reason", "slow_reader").counter().count();
    }

    @Test
    void aClientThatNeverReadsIsClosedOnceItsQueueIsFull() throws Exception {
        startServer();
        WebSocket client = connect(false, new AtomicInteger());
        ChatConnection connection = connections.opened("slow", accepted.get(10, TimeUnit.SECONDS));
        long maxQueued = 0;
        int written = 0;
        // bounded: 4,000 frames of 16 KB is 64 MB, far past any loopback socket buffer
        while (!connection.isGone() && written < 4000) {
            connections.write(connection, FRAME);
            written++;
            maxQueued = Math.max(maxQueued, connection.queuedBytes().get());
        }
        assertThat(connection.isGone()).as("closed after %d frames", written).isTrue();
        assertThat(maxQueued).isLessThanOrEqualTo(LIMIT);
        assertThat(closedSlowReaders()).isEqualTo(1.0);
        serverSideClosed.get(15, TimeUnit.SECONDS); // the TCP connection is gone too, not just marked
        connections.write(connection, FRAME); // further replies are dropped, not queued
        assertThat(connection.queuedBytes().get()).isLessThanOrEqualTo(LIMIT);
        client.abort();
    }

    @Test
    void aClientThatReadsGetsEveryFrame() throws Exception {
        startServer();
        AtomicInteger received = new AtomicInteger();
        WebSocket client = connect(true, received);
        ChatConnection connection = connections.opened("reader", accepted.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < 300; i++) { // 4.8 MB, paced like a fast model stream
            connections.write(connection, FRAME);
            Thread.sleep(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get() == 300);
        assertThat(connection.isGone()).isFalse();
        assertThat(closedSlowReaders()).isZero();
        client.abort();
    }
}
