package com.mangaassist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

import com.mangaassist.config.DaemonThreads;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * {@code make bench-floor}: the round trip of one WebSocket frame to a server that does nothing but
 * echo it on its Vert.x event loop, measured with the bench's own client (the JDK WebSocket client on
 * a small pool, as {@link LoadGenerator}) and the one-session scenario's pacing (one frame, then an
 * idle pause). The bench's "overhead" (TTFT minus the request's own steps) includes one such round
 * trip (the question's way in, the first token's way out) besides the pipeline's own work, so this is
 * the lowest overhead any service could show on this machine with this client.
 *
 * <p>{@code server PORT} runs the echo server (pinned like the service); {@code client PORT COUNT
 * MEAN_PAUSE_MS} measures and prints percentiles, once for the bench's client and once for a client
 * that reads frames on its selector thread (no hand-off of its own).
 */
public final class TransportFloor {

    /** Frames sent first and not measured: both ends' first frames run cold code. */
    static final int WARM_UP_FRAMES = 20;

    private TransportFloor() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if ("server".equals(args[0])) {
            startEcho(Vertx.vertx(), port);
            System.out.println("echo server on 127.0.0.1:" + port);
            Thread.currentThread().join();
        }
        int count = Integer.parseInt(args[2]);
        long meanPauseMs = Long.parseLong(args[3]);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        ExecutorService pool = Executors.newFixedThreadPool(4, DaemonThreads.named("floor-ws"));
        System.out.println(line("bench client (listener on its pool)", measure(HttpClient.newBuilder().executor(pool).build(),
                uri, count, meanPauseMs)));
        System.out.println(line("client without a hand-off (listener on the selector)",
                measure(HttpClient.newBuilder().executor(Runnable::run).build(), uri, count, meanPauseMs)));
        System.exit(0);
    }

    /** A WebSocket server on loopback that writes every text frame back at once, on its event loop. */
    static HttpServer startEcho(Vertx vertx, int port) throws Exception {
        return vertx.createHttpServer()
                .webSocketHandler(socket -> socket.textMessageHandler(socket::writeTextMessage))
                .listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static String line(String name, Histogram rtt) {
        return String.format("%s: round trip p50 / p90 / p99 %.2f / %.2f / %.2f ms (%d frames)", name,
                rtt.getValueAtPercentile(50) / 1000.0, rtt.getValueAtPercentile(90) / 1000.0,
                rtt.getValueAtPercentile(99) / 1000.0, rtt.getTotalCount());
    }

    static Histogram measure(HttpClient client, URI uri, int count, long meanPauseMs) throws Exception {
        AtomicReference<CompletableFuture<Long>> echo = new AtomicReference<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                long now = System.nanoTime();
                if (last) {
                    echo.get().complete(now);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        Histogram rtt = new Histogram(3);
        String frame = "{\"type\":\"message\",\"sessionId\":\"floor\",\"requestId\":\"r-1\",\"text\":\"is one piece in stock\"}";
        for (int i = 0; i < count + WARM_UP_FRAMES; i++) {
            // exponential pauses around the one-session scenario's idle time between questions
            Thread.sleep(Math.max(1, (long) (-meanPauseMs * Math.log(1 - ThreadLocalRandom.current().nextDouble()))));
            CompletableFuture<Long> received = new CompletableFuture<>();
            echo.set(received);
            long sent = System.nanoTime();
            socket.sendText(frame, true);
            long rttMicros = (received.get(10, TimeUnit.SECONDS) - sent) / 1000;
            if (i >= WARM_UP_FRAMES) {
                rtt.recordValue(rttMicros);
            }
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        return rtt;
    }
}
