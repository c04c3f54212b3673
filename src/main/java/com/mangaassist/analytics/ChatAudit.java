package com.mangaassist.analytics;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.ingress.ChatContext;
import com.mangaassist.journal.DurableDynamoWriter;
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
        Instant at = Instant.ofEpochMilli(chat.getRequest().receivedAtEpochMillis());
        List<String> passages = chat.getPassages().stream().map(p -> p.id()).toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", at.toString());
        line.put("sessionId", chat.getRequest().sessionId());
        line.put("requestId", chat.getRequest().requestId());
        line.put("traceId", chat.getTraceId());
        line.put("intent", chat.getIntent() == null ? null : chat.getIntent().intent().id());
        line.put("degradation", chat.getDegradation());
        line.put("cached", chat.isCacheHit());
        line.put("followUp", chat.isFollowUp());
        line.put("interrupted", chat.isInterrupted());
        line.put("passages", passages);
        line.put("answerChars", chat.getAnswer().length());

        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableProvisioner.AUDIT_DAY, AttributeValue.fromS(at.toString().substring(0, 10)));
        item.put(TableProvisioner.AUDIT_KEY, AttributeValue.fromS(at + "#" + chat.getRequest().requestId()));
        line.forEach((name, value) -> {
            if (value instanceof String text) {
                item.put(name, AttributeValue.fromS(text));
            } else if (value instanceof Boolean flag) {
                item.put(name, AttributeValue.fromBool(flag));
            } else if (value instanceof Number number) {
                item.put(name, AttributeValue.fromN(number.toString()));
            }
        });
        item.put("passages", AttributeValue.fromL(passages.stream().map(AttributeValue::fromS).toList()));
        writer.put(settings.auditTable(), List.of(item));
        AUDIT.info(JSON.writeValueAsString(line));
    }
}
