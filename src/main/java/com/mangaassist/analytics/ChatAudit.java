package com.mangaassist.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.ingress.ChatContext;

/** Off the critical path (wireTap): one JSON audit line per answered request, logger {@code mangaassist.audit}. */
@Component("chatAudit")
public class ChatAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("mangaassist.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    public void record(ChatContext chat) throws JsonProcessingException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.ofEpochMilli(chat.getRequest().receivedAtEpochMillis()).toString());
        line.put("sessionId", chat.getRequest().sessionId());
        line.put("requestId", chat.getRequest().requestId());
        line.put("traceId", chat.getTraceId());
        line.put("intent", chat.getIntent() == null ? null : chat.getIntent().intent().id());
        line.put("degradation", chat.getDegradation());
        line.put("cached", chat.isCacheHit());
        line.put("followUp", chat.isFollowUp());
        line.put("passages", chat.getPassages().stream().map(p -> p.id()).toList());
        line.put("answerChars", chat.getAnswer().length());
        AUDIT.info(JSON.writeValueAsString(line));
    }
}
