package com.mangaassist.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.pipeline.ChatRequest;

/**
 * Validates a client frame ({@code {"type":"message","sessionId","requestId","text"}}) into a
 * {@link ChatRequest}; anything else is an {@link InvalidFrameException} with a client-facing code.
 */
@Component("chatFrameParser")
public class ChatFrameParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxTextLength;
    private final int maxIdLength;

    @org.springframework.beans.factory.annotation.Autowired
    public ChatFrameParser(ChatSettings settings) {
        this(settings.maxTextLength(), settings.maxIdLength());
    }

    public ChatFrameParser(int maxTextLength, int maxIdLength) {
        this.maxTextLength = maxTextLength;
        this.maxIdLength = maxIdLength;
    }

    /** A frame from {@code userId} (the connection's verified session token). */
    public ChatRequest parse(Exchange exchange, String userId) {
        Object body = exchange.getMessage().getBody();
        String connectionKey = exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
        if (!(body instanceof String text)) {
            throw new InvalidFrameException("binary_not_supported", "Only JSON text frames are accepted", null);
        }
        return parse(text, connectionKey, userId, System.nanoTime(), System.currentTimeMillis());
    }

    ChatRequest parse(String frame, String connectionKey, String userId, long nowNanos, long nowMillis) {
        JsonNode json;
        try {
            json = JSON.readTree(frame);
        } catch (Exception e) {
            throw new InvalidFrameException("invalid_json", "The frame is not valid JSON", null);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidFrameException("invalid_json", "The frame must be a JSON object", null);
        }
        String requestId = optionalText(json, "requestId");
        if (!"message".equals(optionalText(json, "type"))) {
            throw new InvalidFrameException("unsupported_type", "Field 'type' must be \"message\"", requestId);
        }
        String sessionId = requiredId(json, "sessionId", requestId);
        requiredId(json, "requestId", requestId);
        String text = cleanText(optionalText(json, "text"));
        if (text == null || text.isBlank()) {
            throw new InvalidFrameException("missing_field", "Field 'text' is required", requestId);
        }
        if (text.length() > maxTextLength) {
            throw new InvalidFrameException("text_too_long",
                    "Field 'text' has " + text.length() + " characters; the limit is " + maxTextLength, requestId);
        }
        return new ChatRequest(sessionId, requestId, text.strip(), connectionKey, nowNanos, nowMillis, userId);
    }

    /**
     * The shopper's text as the backends can take it: a lone UTF-16 surrogate (which no UTF-8 encoder
     * can write: the JSON, DynamoDB and OpenSearch clients would each do something else with it) becomes
     * U+FFFD, and NUL and other control characters (but tab and newline) a space.
     */
    static String cleanText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                replacement = '\uFFFD';
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                replacement = ' ';
            }
            if (replacement != c && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(replacement);
            }
        }
        return clean == null ? text : clean.toString();
    }

    private String requiredId(JsonNode json, String field, String requestId) {
        String value = optionalText(json, field);
        if (value == null || value.isBlank()) {
            throw new InvalidFrameException("missing_field", "Field '" + field + "' is required", requestId);
        }
        if (value.length() > maxIdLength || !value.matches("[A-Za-z0-9._:-]+")) {
            throw new InvalidFrameException("invalid_field", "Field '" + field + "' must be 1-" + maxIdLength
                    + " characters of A-Z a-z 0-9 . _ : -", requestId);
        }
        return value;
    }

    private static String optionalText(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
