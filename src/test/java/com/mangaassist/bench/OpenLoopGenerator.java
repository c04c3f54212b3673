package com.mangaassist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.config.DaemonThreads;

/**
 * Open-loop load: questions sent at Poisson arrival times at a set rate, spread round-robin over
 * {@code connections} open WebSockets (each its own user), whether or not earlier answers have
 * finished. TTFT and total time count from each question's intended send time, so a stalled
 * sender or a backed-up service shows as latency instead of hiding it (coordinated omission).
 */
final class OpenLoopGenerator implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final URI ws;
    private final int connections;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, DaemonThreads.named("open-loop-timer"));
    private final ExecutorService clientPool = Executors.newFixedThreadPool(4, DaemonThreads.named("open-loop-ws"));
    private final HttpClient client = HttpClient.newBuilder().executor(clientPool).connectTimeout(Duration.ofSeconds(20)).build();
    private final List<WebSocket> sockets = new ArrayList<>();
    /** One conversation per connection, as a shopper's tab has. */
    private final List<String> sessionIds = new ArrayList<>();
    /** In-flight questions by request id, across every connection. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    OpenLoopGenerator(URI ws, int connections) {
        this.ws = ws;
        this.connections = connections;
    }

    void open() throws Exception {
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            opening.add(LoadGenerator.asNewUser(client.newWebSocketBuilder()).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(ws, new Listener()));
        }
        for (CompletableFuture<WebSocket> socket : opening) {
            sockets.add(socket.get(60, TimeUnit.SECONDS));
            sessionIds.add("open-" + UUID.randomUUID());
        }
    }

    /** One step at {@code rate} questions/s for {@code duration}, then until every answer is in (or timed out). */
    RateResult run(double rate, Duration duration, double cacheHitShare) throws InterruptedException {
        return run(rate, duration, cacheHitShare, 0, Duration.ZERO);
    }

    /**
     * A step at {@code rate}, and with {@code afterRate > 0} at once (no pause to drain) a step at that lower
     * rate for {@code afterDuration}: the load drops, and the second step shows how soon answers are full again.
     */
    RateResult run(double rate, Duration duration, double cacheHitShare, double afterRate, Duration afterDuration)
            throws InterruptedException {
        RateResult result = send(rate, duration, cacheHitShare);
        if (afterRate > 0) {
            result.after = send(afterRate, afterDuration, cacheHitShare);
        }
        long drainUntil = System.nanoTime() + ANSWER_TIMEOUT.plusSeconds(5).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        return result;
    }

    private RateResult send(double rate, Duration duration, double cacheHitShare) throws InterruptedException {
        RateResult result = new RateResult(rate, duration, cacheHitShare);
        result.startNanos = System.nanoTime();
        int[] next = {0};
        PoissonArrivals.run(rate, duration, intended -> {
            int connection = next[0]++ % sockets.size();
            send(sockets.get(connection), sessionIds.get(connection), intended, result);
        });
        result.sendingMillis = (System.nanoTime() - result.startNanos) / 1_000_000;
        return result;
    }

    private void send(WebSocket socket, String sessionId, long intendedNanos, RateResult result) {
        String requestId = "o-" + UUID.randomUUID();
        Pending question = new Pending(result, intendedNanos);
        pending.put(requestId, question);
        result.sent.incrementAndGet();
        String frame = LoadGenerator.JSON.createObjectNode().put("type", "message").put("sessionId", sessionId)
                .put("requestId", requestId).put("text", QuestionMix.next(result.cacheHitShare)).toString();
        timers.schedule(() -> finish(requestId, null, "timeout"), ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        // a WebSocket takes one send at a time; the sender thread must not wait for it
        synchronized (socket) {
            socket.sendText(frame, true).exceptionally(e -> {
                finish(requestId, null, "send");
                return null;
            }).toCompletableFuture().join();
        }
    }

    private void finish(String requestId, JsonNode done, String error) {
        Pending question = pending.remove(requestId);
        if (question == null) {
            return; // already finished: a late frame after its timeout, or the reverse
        }
        long now = System.nanoTime();
        RateResult result = question.result;
        if (error != null || question.firstTokenNanos == 0) {
            result.error(error != null ? error : "no_token");
            result.notFull(question.intendedNanos);
            return;
        }
        if (!"full".equals(done.path("degradation").asText())) {
            result.notFull(question.intendedNanos);
        }
        result.ttft.recordValue((question.firstTokenNanos - question.intendedNanos) / 1000);
        result.total.recordValue((now - question.intendedNanos) / 1000);
        result.level(done.path("degradation").asText());
        result.answered.incrementAndGet();
    }

    @Override
    public void close() {
        sockets.forEach(WebSocket::abort);
        timers.shutdownNow();
        clientPool.shutdownNow();
    }

    private static final class Pending {
        final RateResult result;
        final long intendedNanos;
        volatile long firstTokenNanos;
        volatile long firstFrameNanos;

        Pending(RateResult result, long intendedNanos) {
            this.result = result;
            this.intendedNanos = intendedNanos;
        }
    }

    private final class Listener extends FrameListener {
        @Override
        void onFrame(JsonNode frame, long now) {
            String requestId = frame.path("requestId").asText();
            Pending question = pending.get(requestId);
            if (question == null) {
                return;
            }
            if (question.firstFrameNanos == 0) {
                question.firstFrameNanos = now;
                question.result.firstFrame.recordValue((now - question.intendedNanos) / 1000);
                if ("overloaded".equals(frame.path("code").asText())) {
                    question.result.refusals.recordValue((now - question.intendedNanos) / 1000);
                }
            }
            switch (frame.path("type").asText()) {
                case "token" -> {
                    if (question.firstTokenNanos == 0) {
                        question.firstTokenNanos = now;
                    }
                }
                case "done" -> finish(requestId, frame, null);
                case "error" -> finish(requestId, null, frame.path("code").asText("error"));
                default -> { }
            }
        }
    }
}
