package com.mangaassist.ingress;

/** One validated shopper message, and the WebSocket connection its answer goes back to. */
public record ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                          long receivedAtNanos, long receivedAtEpochMillis) {
}
