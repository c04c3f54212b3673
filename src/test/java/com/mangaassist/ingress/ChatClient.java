package com.mangaassist.ingress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A shopper's WebSocket connection, as a test sees it: send a message, collect its frames. */
public final class ChatClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One frame and the moment it arrived. */
    public record Frame(JsonNode json, long arrivedNanos) {
    }

    /** Everything the server sent for one request, in arrival order, ending with done or error. */
    public record Answer(List<Frame> frames, long sentNanos) {
        public List<Frame> tokens() {
            return frames.stream().filter(f -> "token".equals(f.json().path("type").asText())).toList();
        }

        public String text() {
            return String.join("", tokens().stream().map(f -> f.json().path("text").asText()).toList());
        }

        public JsonNode last() {
            return frames.get(frames.size() - 1).json();
        }

        public long firstTokenMs() {
            return (tokens().get(0).arrivedNanos() - sentNanos) / 1_000_000;
        }
    }

    private final WebSocket socket;
    private final Map<String, BlockingQueue<Frame>> byRequest = new ConcurrentHashMap<>();
    private final BlockingQueue<Frame> all = new LinkedBlockingQueue<>();
    /** Every frame's request id and type as it arrived, for waiting on a frame without consuming it. */
    private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();

    /** As a fresh user of its own, with a valid session token. */
    public ChatClient(int port) throws Exception {
        this(port, "");
    }

    /** With a query string on the WebSocket URL (e.g. {@code traceparent=...}), as a fresh user. */
    public ChatClient(int port, String query) throws Exception {
        this(port, query, TestTokens.protocols("test-" + UUID.randomUUID()));
    }

    /** With a query string, offering these subprotocols (the session token rides in one, as a browser sends it). */
    public ChatClient(int port, String query, String... protocols) throws Exception {
        socket = TestTokens.offer(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)),
                        protocols)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat" + (query.isEmpty() ? "" : "?" + query)),
                        new Listener())
                .get(10, TimeUnit.SECONDS);
    }

    /**
     * A random tag of letters to make a question unique: digits would not do, a run of four reads as an
     * order number and makes the question personal (never cached).
     */
    public static String uniqueWords() {
        StringBuilder tag = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            tag.append((char) ('a' + random.nextInt(26)));
        }
        return tag.toString();
    }

    /** As {@code userId}. */
    public static ChatClient asUser(int port, String userId) throws Exception {
        return new ChatClient(port, "", TestTokens.protocols(userId));
    }

    /** The subprotocol the server selected. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** The close code the server sent, once it closed the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    Frame frame = new Frame(JSON.readTree(partial.toString()), System.nanoTime());
                    all.add(frame);
                    String requestId = frame.json().path("requestId").asText("");
                    seen.add(requestId + "/" + frame.json().path("type").asText());
                    byRequest.computeIfAbsent(requestId, k -> new LinkedBlockingQueue<>()).add(frame);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    public void sendRaw(String frame) {
        socket.sendText(frame, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public long send(String sessionId, String requestId, String text) throws Exception {
        long sent = System.nanoTime();
        sendRaw(JSON.writeValueAsString(Map.of("type", "message", "sessionId", sessionId, "requestId", requestId,
                "text", text)));
        return sent;
    }

    public Answer ask(String sessionId, String text) throws Exception {
        String requestId = "r-" + UUID.randomUUID();
        long sent = send(sessionId, requestId, text);
        return collect(requestId, sent, Duration.ofSeconds(20));
    }

    /**
     * As a well-behaved client: a question refused before it started ({@code rate_limited} or
     * {@code overloaded}, nothing saved) is asked again after the {@code retryAfterMs} the server gave.
     */
    public Answer askHonouringRetryAfter(String sessionId, String text) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Answer answer = ask(sessionId, text);
            JsonNode last = answer.last();
            String code = last.path("code").asText();
            boolean refused = "error".equals(last.path("type").asText())
                    && ("rate_limited".equals(code) || "overloaded".equals(code));
            if (!refused || attempt == 20) {
                return answer;
            }
            // the server's own hint, not a guess at timing
            TimeUnit.MILLISECONDS.sleep(Math.max(1, last.path("retryAfterMs").asLong(100)));
        }
    }

    public Answer collect(String requestId, long sentNanos, Duration timeout) throws Exception {
        BlockingQueue<Frame> queue = byRequest.computeIfAbsent(requestId, k -> new LinkedBlockingQueue<>());
        List<Frame> frames = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("No done/error frame for " + requestId + " within " + timeout + "; got " + frames);
            }
            frames.add(frame);
            String type = frame.json().path("type").asText();
            if ("done".equals(type) || "error".equals(type)) {
                return new Answer(frames, sentNanos);
            }
        }
    }

    /** Frames for a request that arrive after its done/error frame, waiting up to {@code wait}. */
    public List<Frame> framesAfterEnd(String requestId, Duration wait) throws InterruptedException {
        BlockingQueue<Frame> queue = byRequest.computeIfAbsent(requestId, k -> new LinkedBlockingQueue<>());
        List<Frame> late = new ArrayList<>();
        Frame frame = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        while (frame != null) {
            late.add(frame);
            frame = queue.poll(10, TimeUnit.MILLISECONDS);
        }
        return late;
    }

    /** Waits until a frame of this type came for the request, leaving it for {@link #collect}. */
    public void awaitFrame(String requestId, String type, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .alias(type + " frame for " + requestId).until(() -> seen.contains(requestId + "/" + type));
    }

    /** The next frame of any request (for frames that carry no requestId). */
    public Frame next(Duration timeout) throws InterruptedException {
        return all.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<?> closeAsync() {
        return socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Override
    public void close() {
        socket.abort();
    }
}
