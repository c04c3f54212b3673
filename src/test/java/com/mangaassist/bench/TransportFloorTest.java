package com.mangaassist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The transport-floor probe measures what it says: every frame it sends comes back from the echo server and is counted once. */
class TransportFloorTest {

    @Test
    void everyMeasuredFrameIsEchoedAndTimed() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            TransportFloor.startEcho(vertx, port);
            Histogram rtt = TransportFloor.measure(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/"), 5, 1);
            assertThat(rtt.getTotalCount()).isEqualTo(5);
            assertThat(rtt.getMinValue()).isPositive();
            assertThat(TransportFloor.line("echo", rtt)).startsWith("echo: round trip p50 / p90 / p99 ").endsWith("(5 frames)");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
