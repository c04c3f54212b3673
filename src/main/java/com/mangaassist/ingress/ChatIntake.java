package com.mangaassist.ingress;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.opentelemetry.api.trace.Span;

/** First pipeline step: the parsed frame becomes the request's {@link ChatContext} (property {@code chat}). */
@Component("chatIntake")
public class ChatIntake {

    public static final String CHAT = "chat";

    private final ChatFrameParser parser;

    public ChatIntake(ChatFrameParser parser) {
        this.parser = parser;
    }

    public void accept(Exchange exchange) {
        ChatRequest request = parser.parse(exchange);
        exchange.setProperty(CHAT, new ChatContext(request, currentTraceId()));
    }

    /** The OpenTelemetry trace id when a span is active, else a fresh W3C-shaped one. */
    static String currentTraceId() {
        var context = Span.current().getSpanContext();
        if (context.isValid()) {
            return context.getTraceId();
        }
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
