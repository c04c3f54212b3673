package com.mangaassist.ingress;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's frames: {@code token} per delta, then {@code done} (trace id, intent, degradation,
 * cached, per-step timings), or {@code error} (code, message).
 */
@Component("chatReplies")
public class ChatReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ChatReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatFrameSender sender;
    private final ChatConnections connections;

    public ChatReplies(ChatFrameSender sender, ChatConnections connections) {
        this.sender = sender;
        this.connections = connections;
    }

    public void token(ChatContext chat, String text) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "token");
        frame.put("requestId", chat.getRequest().requestId());
        frame.put("text", text);
        send(chat.getRequest().connectionKey(), frame);
    }

    /** A cache hit: the stored answer goes out at once, no retrieval, no model. */
    public void streamCachedAnswer(ChatContext chat) {
        streamWhole(chat, chat.getCachedAnswer());
    }

    /** The model's fallback: a fixed answer, sent at once. */
    public void streamCanned(ChatContext chat, String answer) {
        streamWhole(chat, answer);
    }

    /**
     * A stored answer goes out as one token frame: nothing is being generated, so replaying it word by
     * word only delayed its end (the bench's cache-hit complete time) and cost a socket write per word.
     */
    private void streamWhole(ChatContext chat, String answer) {
        chat.markFirstToken(System.nanoTime());
        chat.appendAnswer(answer);
        token(chat, answer);
    }

    /**
     * The last frame of an answer: {@code done}, or, when the model's stream broke mid-answer, an
     * {@code error} frame that says the answer is incomplete (with the same details as done).
     */
    public void done(ChatContext chat) {
        chat.recordTiming("e2e_total", (System.nanoTime() - chat.getRequest().receivedAtNanos()) / 1_000_000);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", chat.isInterrupted() ? "error" : "done");
        frame.put("requestId", chat.getRequest().requestId());
        if (chat.isInterrupted()) {
            frame.put("code", "answer_interrupted");
            frame.put("message", "The answer was cut off because the model's stream broke; please ask again");
        }
        frame.put("traceId", chat.getTraceId());
        frame.put("intent", chat.getIntent() == null ? null : chat.getIntent().intent().id());
        frame.put("degradation", chat.degradation().level());
        frame.put("cached", chat.isCacheHit());
        frame.put("model", chat.getAnsweredBy());
        frame.put("unavailable", chat.degradation().unavailable());
        frame.put("timedOut", chat.degradation().timedOut());
        frame.put("timings", chat.getTimings());
        send(chat.getRequest().connectionKey(), frame);
    }

    /**
     * A frame that could not be accepted: nothing was started for it, the connection stays open unless
     * it keeps sending such frames ({@link ChatConnections#refused}).
     */
    public void rejectInvalidFrame(Exchange exchange) {
        InvalidFrameException invalid = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidFrameException.class);
        String connectionKey = exchange.getMessage().getHeader(
                org.apache.camel.component.vertx.websocket.VertxWebsocketConstants.CONNECTION_KEY, String.class);
        Map<String, Object> frame = errorFrame(invalid.requestId(), invalid.code(), invalid.getMessage(), ChatIntake.currentTraceId());
        if (invalid.retryAfterMs() > 0) {
            frame.put("retryAfterMs", invalid.retryAfterMs());
        }
        send(connectionKey, frame);
        if (!"unavailable".equals(invalid.code())) { // the service's own trouble is not held against the client
            connections.refused(connectionKey);
        }
    }

    /** The session id belongs to another user (see ConversationMemory): nothing of it is shown. */
    public void sessionForbidden(ChatContext chat) {
        error(chat.getRequest().connectionKey(), chat.getRequest().requestId(), "session_forbidden",
                "This conversation belongs to another user; start a new session", chat.getTraceId());
    }

    /** The pipeline's queue is full: the message is refused (nothing was started or saved for it). */
    public void overloaded(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        LOG.warn("Pipeline queue full: request {} refused", chat.getRequest().requestId());
        error(chat.getRequest().connectionKey(), chat.getRequest().requestId(), "overloaded",
                "The assistant is very busy right now; please try again in a moment", chat.getTraceId());
    }

    /** The pipeline failed after the request was accepted. */
    public void failed(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("Chat request {} (trace {}) failed", chat.getRequest().requestId(), chat.getTraceId(), cause);
        boolean midAnswer = chat.getFirstTokenNanos() != 0;
        error(chat.getRequest().connectionKey(), chat.getRequest().requestId(),
                midAnswer ? "answer_interrupted" : "internal_error",
                midAnswer ? "The answer was interrupted; please ask again" : "Something went wrong; please try again",
                chat.getTraceId());
    }

    private void error(String connectionKey, String requestId, String code, String message, String traceId) {
        send(connectionKey, errorFrame(requestId, code, message, traceId));
    }

    private static Map<String, Object> errorFrame(String requestId, String code, String message, String traceId) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        frame.put("requestId", requestId);
        frame.put("code", code);
        frame.put("message", message);
        frame.put("traceId", traceId);
        return frame;
    }

    private void send(String connectionKey, Map<String, Object> frame) {
        try {
            sender.send(connectionKey, JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
