package com.mangaassist.ingress;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.Passage;
import com.mangaassist.pipeline.ChatRequest;

/**
 * The server's frames as JSON text (docs/protocol.md): {@code token} per delta, then {@code done}
 * (trace id, intent, degradation, cached, model, per-step timings), or {@code error} (code, message,
 * trace id, and {@code retryAfterMs} when waiting helps). Written with Jackson's streaming generator:
 * a token frame is built for every delta of every answer.
 */
@Component("chatFrames")
public class ChatFrames {

    private static final JsonFactory JSON = new JsonFactory();

    public String token(String requestId, String text) {
        return write(json -> {
            json.writeStringField("type", "token");
            json.writeStringField("requestId", requestId);
            json.writeStringField("text", text);
        });
    }

    /**
     * The last frame of an answer: {@code done}, or, when the model's stream broke mid-answer, an
     * {@code error} frame that says the answer is incomplete (with the same details as done).
     */
    public String done(ChatOutcome outcome) {
        return write(json -> {
            json.writeStringField("type", outcome.interrupted() ? "error" : "done");
            json.writeStringField("requestId", outcome.request().requestId());
            if (outcome.interrupted()) {
                json.writeStringField("code", "answer_interrupted");
                json.writeStringField("message", "The answer was cut off because the model's stream broke; please ask again");
            }
            json.writeStringField("traceId", outcome.request().traceId());
            json.writeStringField("intent", outcome.intent() == null ? null : outcome.intent().intent().id());
            json.writeStringField("degradation", outcome.level());
            json.writeBooleanField("cached", outcome.cached());
            json.writeStringField("model", outcome.model());
            strings(json, "unavailable", outcome.unavailable());
            strings(json, "timedOut", outcome.timedOut());
            // what the model was given, in rank order: shown under the answer, and what make eval scores
            json.writeArrayFieldStart("sources");
            for (Passage passage : outcome.passages()) {
                json.writeStartObject();
                json.writeStringField("kind", passage.kind());
                json.writeStringField("id", passage.id());
                json.writeStringField("title", passage.fields().get("title"));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("timings");
            for (Map.Entry<String, Double> step : outcome.timings().entrySet()) {
                json.writeNumberField(step.getKey(), step.getValue());
            }
            json.writeEndObject();
        });
    }

    /** The session id belongs to another user (see SessionOwnership): nothing of it is shown. */
    public String sessionForbidden(ChatRequest request) {
        return error(request.requestId(), "session_forbidden", "This conversation belongs to another user; start a new session",
                request.traceId(), 0);
    }

    /** The pipeline is at its in-flight limit: the message is refused (nothing was started or saved for it). */
    public String overloaded(ChatRequest request) {
        return overloaded(request, 0);
    }

    /** As {@link #overloaded(ChatRequest)}, with how long to wait before asking again. */
    public String overloaded(ChatRequest request, long retryAfterMs) {
        return error(request.requestId(), "overloaded", "The assistant is very busy right now; please try again in a moment",
                request.traceId(), retryAfterMs);
    }

    /** The pipeline failed after the request was accepted; mid-answer, the shopper is told it is incomplete. */
    public String failed(ChatRequest request, boolean midAnswer) {
        return error(request.requestId(), midAnswer ? "answer_interrupted" : "internal_error",
                midAnswer ? "The answer was interrupted; please ask again" : "Something went wrong; please try again",
                request.traceId(), 0);
    }

    public String error(String requestId, String code, String message, String traceId, long retryAfterMs) {
        return write(json -> {
            json.writeStringField("type", "error");
            json.writeStringField("requestId", requestId);
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeStringField("traceId", traceId);
            if (retryAfterMs > 0) {
                json.writeNumberField("retryAfterMs", retryAfterMs);
            }
        });
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
