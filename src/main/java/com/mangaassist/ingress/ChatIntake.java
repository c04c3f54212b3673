package com.mangaassist.ingress;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import com.mangaassist.slo.SloSettings;

import io.opentelemetry.api.trace.Span;

/** First pipeline step: the parsed frame becomes the request's {@link ChatContext} (property {@code chat}). */
@Component("chatIntake")
public class ChatIntake {

    public static final String CHAT = "chat";

    private final ChatFrameParser parser;
    private final SloSettings slo;

    public ChatIntake(ChatFrameParser parser, SloSettings slo) {
        this.parser = parser;
        this.slo = slo;
    }

    public void accept(Exchange exchange) {
        ChatRequest request = parser.parse(exchange);
        ChatContext chat = new ChatContext(request, currentTraceId());
        chat.setDeadlineNanos(request.receivedAtNanos() + slo.hardDeadline().toNanos());
        exchange.setProperty(CHAT, chat);
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
