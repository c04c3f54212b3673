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
import com.mangaassist.ingress.ChatContext;
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

    public ChatAudit(DurableDynamoWriter writer, DynamoDbSettings settings) {
        this.writer = writer;
        this.settings = settings;
    }

    public void record(ChatContext chat) throws IOException {
        List<String> passages = chat.getPassages().stream().map(p -> p.id()).toList();
        Map<String, Object> line = header(chat, "answered");
        line.put("intent", chat.getIntent() == null ? null : chat.getIntent().intent().id());
        line.put("degradation", chat.degradation().level());
        line.put("cached", chat.isCacheHit());
        line.put("followUp", chat.isFollowUp());
        line.put("interrupted", chat.isInterrupted());
        line.put("passages", passages);
        line.put("answerChars", chat.getAnswer().length());
        Map<String, AttributeValue> item = item(line);
        item.put("passages", AttributeValue.fromL(passages.stream().map(AttributeValue::fromS).toList()));
        keep(line, item);
    }

    /**
     * A user asked with another user's session id: refused, and kept like every audit record, naming
     * both users, so that probing for other shoppers' conversations is visible.
     */
    public void recordDeniedSessionAccess(ChatContext chat) throws IOException {
        Map<String, Object> line = header(chat, "session_access_denied");
        line.put("sessionOwner", chat.getForeignSessionOwner());
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

    private static Map<String, Object> header(ChatContext chat, String event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.ofEpochMilli(chat.getRequest().receivedAtEpochMillis()).toString());
        line.put("event", event);
        line.put("userId", chat.getRequest().userId());
        line.put("sessionId", chat.getRequest().sessionId());
        line.put("requestId", chat.getRequest().requestId());
        line.put("traceId", chat.getTraceId());
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
