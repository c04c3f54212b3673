package com.mangaassist.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.config.DaemonThreads;
import com.mangaassist.ingress.TestTokens;

/**
 * Drives chat sessions against a running service over its WebSocket, measuring at the client:
 * time to first token, total time, orchestration overhead (TTFT minus the critical path of the
 * request's own step timings from its done frame), errors and levels. No thread per session:
 * sessions are callbacks on a few HttpClients and a timer pool.
 */
public final class LoadGenerator implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int SESSIONS_PER_CLIENT = 500;

    private final URI ws;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, DaemonThreads.named("bench-timer"));
    private final ExecutorService clientPool = Executors.newFixedThreadPool(4, DaemonThreads.named("bench-ws"));
    private final List<HttpClient> clients = new ArrayList<>();

    public LoadGenerator(URI ws) {
        this.ws = ws;
    }

    /** Runs one scenario to its end (plus up to the answer timeout for questions still in flight). */
    public ScenarioResult run(Scenario scenario, java.util.function.Consumer<String> progress) throws Exception {
        ScenarioResult result = new ScenarioResult(scenario);
        long start = System.nanoTime();
        long end = start + scenario.duration().toNanos();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < scenario.sessions(); i++) {
            sessions.add(new Session(result, end));
        }
        // connect in batches, each session's first question at a random point of one think time
        for (int i = 0; i < sessions.size(); i += 200) {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(sessions.size(), i + 200); j++) {
                batch.add(sessions.get(j).connect(client(j)));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        }
        long thinkMs = Math.max(1, scenario.think().toMillis());
        sessions.forEach(s -> s.scheduleNext(ThreadLocalRandom.current().nextLong(thinkMs)));
        ScheduledFuture<?> ticker = timers.scheduleAtFixedRate(() -> progress.accept(String.format(
                "  %s: %3ds  sent %d  answered %d  errors %d  in flight %d  TTFT p95 %.1f ms", scenario.name(),
                (System.nanoTime() - start) / 1_000_000_000, result.sent.get(), result.answered.get(), result.errors.get(),
                result.sent.get() - result.answered.get() - result.errors.get(),
                result.ttft.getTotalCount() == 0 ? 0 : result.ttft.getValueAtPercentile(95) / 1000.0)), 5, 5, TimeUnit.SECONDS);
        long drainUntil = end + ANSWER_TIMEOUT.toNanos();
        while (System.nanoTime() < drainUntil
                && (System.nanoTime() < end || sessions.stream().anyMatch(Session::busy))) {
            Thread.sleep(100);
        }
        ticker.cancel(false);
        sessions.forEach(Session::close);
        result.wallMillis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    /** Each bench connection is its own user, with a token signed by the local profile's key (as a subprotocol). */
    static WebSocket.Builder asNewUser(WebSocket.Builder builder) {
        return TestTokens.offer(builder, TestTokens.protocols("bench-" + UUID.randomUUID()));
    }

    /** Opens {@code count} sessions that say nothing (for the server's heap per idle connection). */
    public List<WebSocket> openIdle(int count) throws Exception {
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opening.add(asNewUser(client(i).newWebSocketBuilder()).buildAsync(ws, new WebSocket.Listener() { }));
        }
        List<WebSocket> open = new ArrayList<>();
        for (CompletableFuture<WebSocket> socket : opening) {
            open.add(socket.get(60, TimeUnit.SECONDS));
        }
        return open;
    }

    private synchronized HttpClient client(int sessionIndex) {
        int index = sessionIndex / SESSIONS_PER_CLIENT;
        while (clients.size() <= index) {
            clients.add(HttpClient.newBuilder().executor(clientPool).connectTimeout(Duration.ofSeconds(20)).build());
        }
        return clients.get(index);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        clientPool.shutdownNow();
    }

    /** Critical path of a request's own steps: the slowest phase-1 branch, then retrieval, context, model. */
    /** In microseconds: the done frame's timings are milliseconds to 0.1 ms. */
    static long criticalPathMicros(JsonNode timings) {
        double phaseOne = Math.max(timings.path("intent").asDouble(0),
                Math.max(timings.path("memory").asDouble(0), timings.path("cache").asDouble(0)));
        return Math.round(1000 * (phaseOne + timings.path("rag").asDouble(0) + timings.path("context-assembly").asDouble(0)
                + timings.path("llm-first-token").asDouble(0)));
    }

    /** One shopper: asks, reads the streamed answer, thinks, asks again, until the scenario ends. */
    private final class Session extends FrameListener {

        private final ScenarioResult result;
        private final long end;
        private final String sessionId = "bench-" + UUID.randomUUID();
        private volatile WebSocket socket;
        private String requestId;
        private long sentNanos;
        private long firstTokenNanos;
        private ScheduledFuture<?> timeout;

        Session(ScenarioResult result, long end) {
            this.result = result;
            this.end = end;
        }

        CompletableFuture<WebSocket> connect(HttpClient client) {
            return asNewUser(client.newWebSocketBuilder()).connectTimeout(Duration.ofSeconds(30)).buildAsync(ws, this)
                    .whenComplete((socket, failure) -> {
                        if (failure != null) {
                            result.error("connect");
                        } else {
                            this.socket = socket;
                        }
                    });
        }

        synchronized boolean busy() {
            return requestId != null;
        }

        void scheduleNext(long delayMs) {
            timers.schedule(this::ask, delayMs, TimeUnit.MILLISECONDS);
        }

        private synchronized void ask() {
            if (socket == null || System.nanoTime() >= end) {
                return;
            }
            String question = QuestionMix.next(result.scenario.cacheHitShare());
            requestId = "r-" + UUID.randomUUID();
            firstTokenNanos = 0;
            sentNanos = System.nanoTime();
            result.sent.incrementAndGet();
            String frame = JSON.createObjectNode().put("type", "message").put("sessionId", sessionId)
                    .put("requestId", requestId).put("text", question).toString();
            String asked = requestId;
            timeout = timers.schedule(() -> finish(asked, null, "timeout"), ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.sendText(frame, true).exceptionally(e -> {
                finish(asked, null, "send");
                return null;
            });
        }

        @Override
        void onFrame(JsonNode frame, long now) {
            String type = frame.path("type").asText();
            synchronized (this) {
                if (!frame.path("requestId").asText().equals(requestId)) {
                    return;
                }
                if ("token".equals(type) && firstTokenNanos == 0) {
                    firstTokenNanos = now;
                }
            }
            if ("done".equals(type)) {
                finish(frame.path("requestId").asText(), frame, null);
            } else if ("error".equals(type)) {
                finish(frame.path("requestId").asText(), null, frame.path("code").asText("error"));
            }
        }

        private void finish(String id, JsonNode done, String error) {
            long now = System.nanoTime();
            synchronized (this) {
                if (!id.equals(requestId)) {
                    return; // already finished (a late frame after its timeout, or the reverse)
                }
                requestId = null;
                if (timeout != null) {
                    timeout.cancel(false);
                }
                if (error != null || firstTokenNanos == 0) {
                    result.error(error != null ? error : "no_token");
                } else {
                    long ttftMicros = (firstTokenNanos - sentNanos) / 1000;
                    long totalMicros = (now - sentNanos) / 1000;
                    result.ttft.recordValue(ttftMicros);
                    result.total.recordValue(totalMicros);
                    long overheadMicros = ttftMicros - criticalPathMicros(done.path("timings"));
                    result.overhead.recordValue(Math.max(0, overheadMicros));
                    if (done.path("timings").has("rag")) {
                        result.rag.recordValue(Math.round(1000 * done.path("timings").path("rag").asDouble()));
                    }
                    if (done.path("cached").asBoolean()) {
                        result.cacheHitTotal.recordValue(totalMicros);
                    }
                    result.levels.computeIfAbsent(done.path("degradation").asText(), l -> new java.util.concurrent.atomic.AtomicLong())
                            .incrementAndGet();
                    result.answered.incrementAndGet();
                }
            }
            double mean = result.scenario.think().toMillis();
            scheduleNext(Math.round(-mean * Math.log(1 - ThreadLocalRandom.current().nextDouble())));
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            String id;
            synchronized (this) {
                id = requestId;
            }
            if (id != null) {
                finish(id, null, "connection");
            }
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
