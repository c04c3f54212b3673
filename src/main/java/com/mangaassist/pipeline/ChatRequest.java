package com.mangaassist.pipeline;

/**
 * One validated shopper message from the user its connection's session token names, the WebSocket
 * connection its answer goes back to, and, once admitted, its trace id, the span it was admitted
 * under (the parent of spans made when no context is current, e.g. on an SDK callback thread; null
 * when there was none) and its hard deadline ({@link System#nanoTime()} scale: no step may run past it).
 */
public record ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                          long receivedAtNanos, long receivedAtEpochMillis, String userId,
                          String traceId, String spanId, long deadlineNanos) {

    /** A parsed message, not yet admitted: no trace id, no deadline. */
    public ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                       long receivedAtNanos, long receivedAtEpochMillis, String userId) {
        this(sessionId, requestId, text, connectionKey, receivedAtNanos, receivedAtEpochMillis, userId, null, null, Long.MAX_VALUE);
    }

    /** The same message admitted to the pipeline under a trace id, with its deadline. */
    public ChatRequest admitted(String traceId, long deadlineNanos) {
        return admitted(traceId, null, deadlineNanos);
    }

    /** The same message admitted under a span of a trace, with its deadline. */
    public ChatRequest admitted(String traceId, String spanId, long deadlineNanos) {
        return new ChatRequest(sessionId, requestId, text, connectionKey, receivedAtNanos, receivedAtEpochMillis, userId,
                traceId, spanId, deadlineNanos);
    }

    /** Milliseconds left before the deadline (negative once past it); Long.MAX_VALUE without one. */
    public long remainingMillis() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (deadlineNanos - System.nanoTime()) / 1_000_000;
    }
}
