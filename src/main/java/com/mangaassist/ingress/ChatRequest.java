package com.mangaassist.ingress;

/**
 * One validated shopper message from the user its connection's session token names, and the
 * WebSocket connection its answer goes back to.
 */
public record ChatRequest(String sessionId, String requestId, String text, String connectionKey,
                          long receivedAtNanos, long receivedAtEpochMillis, String userId) {
}
