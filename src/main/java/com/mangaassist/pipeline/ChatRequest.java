package com.mangaassist.pipeline;

/**
 * One validated shopper message from the user its connection's session token names, the WebSocket
 * connection its answer goes back to, and, once admitted, its trace id and hard deadline
 * ({@link System#nanoTime()} scale: no step may run past it).
 */
public record ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                          long receivedAtNanos, long receivedAtEpochMillis, String userId,
                          String traceId, long deadlineNanos) {

    /** A parsed message, not yet admitted: no trace id, no deadline. */
    public ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                       long receivedAtNanos, long receivedAtEpochMillis, String userId) {
        this(sessionId, requestId, text, connectionKey, receivedAtNanos, receivedAtEpochMillis, userId, null, Long.MAX_VALUE);
    }

    /** The same message admitted to the pipeline under a trace id, with its deadline. */
    public ChatRequest admitted(String traceId, long deadlineNanos) {
        return new ChatRequest(sessionId, requestId, text, connectionKey, receivedAtNanos, receivedAtEpochMillis, userId,
                traceId, deadlineNanos);
    }

    /** Milliseconds left before the deadline (negative once past it); Long.MAX_VALUE without one. */
    public long remainingMillis() {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (deadlineNanos - System.nanoTime()) / 1_000_000;
    }
}
