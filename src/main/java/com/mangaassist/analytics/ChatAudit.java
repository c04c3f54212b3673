package com.mangaassist.analytics;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.memory.SessionOwnership;
import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.journal.SessionWriteRefused;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Off the critical path (wireTap): one audit record per answered request, kept in the audit table
 * through the {@link DurableDynamoWriter} (never lost), and logged as one JSON line on logger
 * {@code mangaassist.audit}.
 */
@Component("chatAudit")
public class ChatAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("mangaassist.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableDynamoWriter writer;
    private final DynamoDbSettings settings;
    private final SessionOwnership ownership;

    public ChatAudit(DurableDynamoWriter writer, DynamoDbSettings settings, SessionOwnership ownership) {
        this.writer = writer;
        this.ownership = ownership;
        this.settings = settings;
    }

    public void record(ChatOutcome outcome) throws IOException {
        List<String> passages = outcome.passages().stream().map(p -> p.id()).toList();
        Map<String, Object> line = header(outcome.request(), "answered");
        line.put("intent", outcome.intent() == null ? null : outcome.intent().intent().id());
        line.put("degradation", outcome.level());
        line.put("cached", outcome.cached());
        line.put("followUp", outcome.followUp());
        line.put("interrupted", outcome.interrupted());
        line.put("passages", passages);
        line.put("answerChars", outcome.answer().length());
        Map<String, AttributeValue> item = item(line);
        item.put("passages", AttributeValue.fromL(passages.stream().map(AttributeValue::fromS).toList()));
        keep(line, item);
    }

    /**
     * A user asked with another user's session id: refused, and kept like every audit record, naming
     * both users, so that probing for other shoppers' conversations is visible.
     */
    public void recordDeniedSessionAccess(ChatRequest request, PhaseOne phaseOne) throws IOException {
        Map<String, Object> line = header(request, "session_access_denied");
        line.put("sessionOwner", ownership.foreignOwner(request, phaseOne));
        keep(line, item(line));
    }

    /**
     * A user's turns were not saved because the session belongs to someone else: DynamoDB's
     * conditional write refused them (the memory read that refuses such a request had not answered).
     */
    @EventListener
    public void recordRefusedSessionWrite(SessionWriteRefused refused) {
        Map<String, AttributeValue> first = refused.write().items().isEmpty() ? refused.write().ownerItem()
                : refused.write().items().get(0);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("event", "session_write_refused");
        line.put("userId", refused.write().owner());
        line.put("sessionId", refused.write().ownerItem().get(TableProvisioner.SESSION_ID).s());
        line.put("requestId", first.containsKey("requestId") ? first.get("requestId").s() : "-");
        line.put("turns", refused.write().items().size());
        try {
            keep(line, item(line));
        } catch (IOException journalFull) {
            // never fail the journal's replay over its own audit record: the log line is written regardless
            AUDIT.warn("{} (not kept in the audit table: {})", line, journalFull.getMessage());
        }
    }

    private static Map<String, Object> header(ChatRequest request, String event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.ofEpochMilli(request.receivedAtEpochMillis()).toString());
        line.put("event", event);
        line.put("userId", request.userId());
        line.put("sessionId", request.sessionId());
        line.put("requestId", request.requestId());
        line.put("traceId", request.traceId());
        return line;
    }

    private static Map<String, AttributeValue> item(Map<String, Object> line) {
        String at = (String) line.get("at");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableProvisioner.AUDIT_DAY, AttributeValue.fromS(at.substring(0, 10)));
        // the request id is the client's: a server-made suffix keeps one record from overwriting another
        item.put(TableProvisioner.AUDIT_KEY, AttributeValue.fromS(at + "#" + line.get("requestId") + "#"
                + java.util.UUID.randomUUID()));
        line.forEach((name, value) -> {
            if (value instanceof String text) {
                item.put(name, AttributeValue.fromS(text));
            } else if (value instanceof Boolean flag) {
                item.put(name, AttributeValue.fromBool(flag));
            } else if (value instanceof Number number) {
                item.put(name, AttributeValue.fromN(number.toString()));
            }
        });
        return item;
    }

    private void keep(Map<String, Object> line, Map<String, AttributeValue> item) throws IOException {
        writer.put(settings.auditTable(), List.of(item));
        AUDIT.info(JSON.writeValueAsString(line));
    }
}
