package com.mangaassist.ingress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.ServerWebSocket;

/**
 * The open chat connections by connection key, each with the identity its handshake proved. A
 * connection is registered from its open event ({@link ConnectionEvents}); camel-vertx-websocket runs
 * the open event and the first messages on worker threads in no set order, so a connection not seen
 * opening yet is looked up once in the component's peers ({@link ChatWebsocketComponent}) and registered then.
 *
 * <p>Two limits close a connection, counted in {@code mangaassist.ws.closed{reason}}: a client that
 * does not read its replies ({@code mangaassist.ws.max-queued-bytes} written but not yet flushed:
 * closed with 1013, so its frames cannot grow the heap), and one that keeps sending frames that are
 * refused ({@code mangaassist.ws.max-refused-frames} in a row: closed with 1008).
 */
@Component
public class ChatConnections {

    public static final short POLICY_VIOLATION = 1008;
    public static final short TRY_AGAIN_LATER = 1013;

    private static final Logger LOG = LoggerFactory.getLogger(ChatConnections.class);

    private final SessionTokens tokens;
    private final long maxQueuedBytes;
    private final int maxRefusedFrames;
    private final Counter closedSlowReader;
    private final Counter closedRefusedFrames;
    private final Map<String, ChatConnection> open = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong opens = new java.util.concurrent.atomic.AtomicLong();

    @org.springframework.beans.factory.annotation.Autowired
    public ChatConnections(SessionTokens tokens, MeterRegistry meters, WebSocketSettings settings) {
        this(tokens, meters, settings.maxQueuedBytes(), settings.maxRefusedFrames());
    }

    public ChatConnections(SessionTokens tokens, MeterRegistry meters, long maxQueuedBytes, int maxRefusedFrames) {
        this.tokens = tokens;
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxRefusedFrames = maxRefusedFrames;
        this.closedSlowReader = closedCounter(meters, "slow_reader");
        this.closedRefusedFrames = closedCounter(meters, "refused_frames");
    }

    private static Counter closedCounter(MeterRegistry meters, String reason) {
        return Counter.builder("mangaassist.ws.closed").tag("reason", reason)
                .description("Chat connections the server closed: a client not reading its replies, or sending refused frames")
                .register(meters);
    }

    public ChatConnection opened(String connectionKey, ServerWebSocket socket) {
        ChatConnection connection = open.computeIfAbsent(connectionKey, key -> new ChatConnection(key, socket, identityOf(socket)));
        if (socket.isClosed()) {
            open.remove(connectionKey, connection); // its close event ran first (the events come in no set order)
        }
        if (opens.incrementAndGet() % 10_000 == 0) {
            open.values().removeIf(ChatConnection::isGone); // whatever a lost close event left behind
        }
        return connection;
    }

    public void closed(String connectionKey) {
        open.remove(connectionKey);
    }

    /**
     * The open connection with this key, or null when there is none (it closed, or never was). A
     * frame's intake always finds its connection here: the connection's open event and its frames are
     * routed on the same event loop, in order (EventLoopWebsocketEndpoint).
     */
    public ChatConnection findOpen(String connectionKey) {
        return connectionKey == null ? null : open.get(connectionKey);
    }

    /** The session token of the handshake, read from the socket's handshake headers. */
    private SessionTokens.Identity identityOf(ServerWebSocket socket) {
        try {
            return tokens.verifyIdentity(HandshakeGuard.tokenFrom(socket.headers().get(HandshakeGuard.SEC_WEBSOCKET_PROTOCOL)));
        } catch (SessionTokens.InvalidTokenException | IllegalStateException e) {
            return null;
        }
    }

    /** Writes a frame, unless the connection already holds too many unflushed bytes: then it is closed. */
    public void write(ChatConnection connection, String frame) {
        if (connection.isGone()) {
            return; // the shopper went away, or is being disconnected: nothing to deliver to
        }
        long size = frame.length();
        long queued = connection.queuedBytes().addAndGet(size);
        if (queued > maxQueuedBytes) {
            connection.queuedBytes().addAndGet(-size);
            close(connection, TRY_AGAIN_LATER, "client is not reading its replies", closedSlowReader);
            return;
        }
        connection.socket().writeTextMessage(frame).onComplete(done -> connection.queuedBytes().addAndGet(-size));
    }

    /** A frame of this connection was refused; too many in a row close it. */
    public void refused(String connectionKey) {
        ChatConnection connection = findOpen(connectionKey);
        if (connection != null && connection.refused() >= maxRefusedFrames) {
            close(connection, POLICY_VIOLATION, "too many refused frames", closedRefusedFrames);
        }
    }

    /**
     * Closes every open connection with this code (a graceful stop: 1012) and waits up to {@code wait}
     * for the close frames to go out; returns how many were closed.
     */
    public int closeAll(short code, String reason, java.time.Duration wait) {
        java.util.List<io.vertx.core.Future<Void>> closing = new java.util.ArrayList<>();
        for (ChatConnection connection : open.values()) {
            if (connection.startClosing()) {
                closing.add(connection.socket().close(code, reason));
            }
            open.remove(connection.key());
        }
        try {
            io.vertx.core.Future.join(closing).toCompletionStage().toCompletableFuture()
                    .get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("Not every chat connection acknowledged its close within {}: {}", wait, e.toString());
        }
        return closing.size();
    }

    private void close(ChatConnection connection, short code, String reason, Counter counter) {
        if (connection.startClosing()) {
            counter.increment();
            LOG.warn("Closing chat connection {} of {} with {}: {}", connection.key(),
                    connection.identity() == null ? "?" : connection.identity().userId(), code, reason);
            // a client that reads nothing never answers the close frame: Vert.x drops the TCP connection
            // after its WebSocket closing timeout
            connection.socket().close(code, reason);
            open.remove(connection.key());
        }
    }
}
