package com.mangaassist.ingress;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.springframework.stereotype.Component;

import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.burn.SheddingPolicy;

import io.opentelemetry.api.trace.Span;

/** First pipeline step: the parsed frame becomes the request's {@link ChatContext} (property {@code chat}). */
@Component("chatIntake")
public class ChatIntake {

    public static final String CHAT = "chat";

    private final ChatFrameParser parser;
    private final SloSettings slo;
    private final DurableDynamoWriter durableWrites;
    private final SheddingPolicy shedding;
    private final SessionTokens tokens;
    private final AbuseLimits limits;

    public ChatIntake(ChatFrameParser parser, SloSettings slo, DurableDynamoWriter durableWrites, SheddingPolicy shedding,
                      SessionTokens tokens, AbuseLimits limits) {
        this.parser = parser;
        this.slo = slo;
        this.durableWrites = durableWrites;
        this.shedding = shedding;
        this.tokens = tokens;
        this.limits = limits;
    }

    public void accept(Exchange exchange) {
        limits.checkFrame(exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class));
        ChatRequest request = parser.parse(exchange, user(exchange));
        limits.checkMessage(request);
        if (durableWrites.isFull()) {
            // the turn could not be kept: refuse it rather than lose it
            throw new InvalidFrameException("unavailable",
                    "The service cannot save conversations right now; please try again shortly", request.requestId());
        }
        ChatContext chat = new ChatContext(request, currentTraceId());
        chat.setDeadlineNanos(request.receivedAtNanos() + slo.hardDeadline().toNanos());
        if (shedding.shouldShed()) {
            chat.markShed();
        }
        exchange.setProperty(CHAT, chat);
    }

    /**
     * The user of the connection's session token (the handshake's {@code access_token} query parameter,
     * which the WebSocket consumer repeats as a header on every frame). Checked on every frame too: a
     * token that expired while the connection stayed open stops being honoured.
     */
    private String user(Exchange exchange) {
        try {
            return tokens.verify(exchange.getMessage().getHeader(HandshakeGuard.TOKEN_PARAMETER, String.class));
        } catch (SessionTokens.InvalidTokenException e) {
            throw new InvalidFrameException("unauthorized", "The session token is " + e.getMessage()
                    + "; reconnect with a fresh one", null);
        }
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
