package com.mangaassist.ingress;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.springframework.stereotype.Component;

import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.burn.SheddingPolicy;

import io.opentelemetry.api.trace.Span;

/** The ingress's step: a valid frame becomes the admitted {@link ChatRequest} and its empty results ({@link ChatExchange}). */
@Component("chatIntake")
public class ChatIntake {

    private final ChatFrameParser parser;
    private final SloSettings slo;
    private final DurableDynamoWriter durableWrites;
    private final SheddingPolicy shedding;
    private final ChatConnections connections;
    private final AbuseLimits limits;
    private final GracefulStop stop;

    public ChatIntake(ChatFrameParser parser, SloSettings slo, DurableDynamoWriter durableWrites, SheddingPolicy shedding,
                      ChatConnections connections, AbuseLimits limits, GracefulStop stop) {
        this.parser = parser;
        this.slo = slo;
        this.durableWrites = durableWrites;
        this.shedding = shedding;
        this.connections = connections;
        this.limits = limits;
        this.stop = stop;
    }

    public void accept(Exchange exchange) {
        String connectionKey = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        ChatConnection connection = connections.findOpen(connectionKey); // its open event was routed first, on this event loop
        ChatRequest request;
        try {
            request = parser.parse(exchange, user(connection));
        } catch (InvalidFrameException invalid) {
            limits.checkFrame(connectionKey, invalid.requestId()); // a flood of junk is still a flood
            throw invalid;
        }
        // the refusal names the message it refuses: a client waits for its requestId's reply, and an
        // anonymous one would leave it waiting for an answer that never comes
        limits.checkFrame(connectionKey, request.requestId());
        limits.checkMessage(request);
        connection.accepted(); // a valid message ends a run of refused frames
        if (stop.isStopping()) {
            // answers in flight finish here; a new one would be cut off by the restart: refuse it whole
            throw new InvalidFrameException("shutting_down",
                    "The service is restarting; your message was not taken: send it again once reconnected",
                    request.requestId(), stop.retryAfterMs());
        }
        if (durableWrites.isFull()) {
            // the turn could not be kept: refuse it rather than lose it
            throw new InvalidFrameException("unavailable",
                    "The service cannot save conversations right now; please try again shortly", request.requestId());
        }
        var span = Span.current().getSpanContext();
        long deadline = request.receivedAtNanos() + slo.hardDeadline().toNanos();
        ChatExchange.start(exchange, span.isValid() ? request.admitted(span.getTraceId(), span.getSpanId(), deadline)
                : request.admitted(currentTraceId(), deadline), shedding.shouldShed());
    }

    /**
     * The user the connection's handshake token named (read once, when it opened). Its expiry is
     * checked on every frame: a token that expired while the connection stayed open stops being honoured.
     */
    private static String user(ChatConnection connection) {
        SessionTokens.Identity identity = connection == null ? null : connection.identity();
        if (identity == null) {
            throw new InvalidFrameException("unauthorized", "This connection has no valid session token; reconnect", null);
        }
        if (identity.expiredAt(java.time.Instant.now())) {
            throw new InvalidFrameException("unauthorized", "The session token is expired; reconnect with a fresh one", null);
        }
        return identity.userId();
    }

    /** The OpenTelemetry trace id when a span is active, else a fresh W3C-shaped one. */
    public static String currentTraceId() {
        var context = Span.current().getSpanContext();
        if (context.isValid()) {
            return context.getTraceId();
        }
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
