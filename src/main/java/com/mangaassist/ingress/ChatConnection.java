package com.mangaassist.ingress;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.http.ServerWebSocket;

/**
 * One open chat WebSocket: its socket, the identity its handshake's session token proved (read once,
 * kept for the connection's life), the outgoing bytes written but not yet flushed to the network,
 * and how many frames in a row it sent that were refused.
 */
public final class ChatConnection {

    private final String key;
    private final ServerWebSocket socket;
    private final SessionTokens.Identity identity;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger refusedInARow = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    ChatConnection(String key, ServerWebSocket socket, SessionTokens.Identity identity) {
        this.key = key;
        this.socket = socket;
        this.identity = identity;
    }

    public String key() {
        return key;
    }

    ServerWebSocket socket() {
        return socket;
    }

    /** Null when the handshake carried no valid token (the guard refuses those, so only in tests of the sender). */
    public SessionTokens.Identity identity() {
        return identity;
    }

    AtomicLong queuedBytes() {
        return queuedBytes;
    }

    int refused() {
        return refusedInARow.incrementAndGet();
    }

    /** A message of this connection was accepted: its run of refused frames is over. */
    void accepted() {
        refusedInARow.set(0);
    }

    /** True for the one caller that gets to close it. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    boolean isGone() {
        return closing.get() || socket.isClosed();
    }
}
