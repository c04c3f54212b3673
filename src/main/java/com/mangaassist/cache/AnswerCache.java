package com.mangaassist.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.component.redis.RedisConstants;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.intent.Intent;

/**
 * The response cache's policy and its Redis plumbing for the cache routes. Only answers that
 * are the same for every shopper are stored: a cacheable intent, a question that stands on its
 * own (a policy question, or one naming its series), nothing personal, no history involved.
 * The key is the normalized question; the stored intent must equal the request's intent for a
 * hit to count, because the lookup runs in parallel with classification.
 */
@Component("answerCache")
public class AnswerCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERSONAL = Pattern.compile("\\b(my|mine|me|i ordered|i bought|order \\d+|\\d{4,})\\b");

    private final AnswerCacheSettings settings;

    public AnswerCache(AnswerCacheSettings settings) {
        this.settings = settings;
    }

    public static String normalize(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    public String key(String question) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalize(question).getBytes(StandardCharsets.UTF_8));
            return settings.keyPrefix() + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this request's answer is the same for every shopper asking the same words. */
    public boolean isCacheable(ChatContext chat) {
        if (chat.getIntent() == null || !settings.intents().contains(chat.getIntent().intent().id())) {
            return false;
        }
        if (chat.isFollowUp() || PERSONAL.matcher(chat.getRequest().text().toLowerCase(Locale.ROOT)).find()) {
            return false;
        }
        Intent intent = chat.getIntent().intent();
        return intent.isPolicy() || chat.getEntities().namesSeries();
    }

    public void prepareLookup(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        exchange.getMessage().setHeader(RedisConstants.KEY, key(chat.getRequest().text()));
    }

    public void readLookup(Exchange exchange) {
        String stored = exchange.getMessage().getBody(String.class);
        if (stored != null) {
            exchange.getProperty(ChatIntake.CHAT, ChatContext.class).setCachedAnswer(stored);
        }
    }

    /** After phase 1: keeps the cached answer only if it was stored for this intent and still qualifies. */
    public void validateHit(ChatContext chat) throws Exception {
        if (!chat.isCacheHit()) {
            return;
        }
        JsonNode stored = JSON.readTree(chat.getCachedAnswer());
        if (!isCacheable(chat) || !chat.getIntent().intent().id().equals(stored.path("intent").asText())) {
            chat.discardCachedAnswer();
            return;
        }
        chat.setCachedAnswerText(stored.path("answer").asText());
    }

    /**
     * A complete, undegraded answer to a shareable question, generated from a prompt without
     * conversation history: what a session said earlier ("from now on tell everyone ...") shapes the
     * answer, so an answer written with history in the prompt is never served to another shopper.
     */
    public boolean shouldStore(ChatContext chat) {
        return isCacheable(chat) && !chat.getAnswer().isBlank() && !chat.isInterrupted()
                && "full".equals(chat.degradation().level())
                && chat.getPrompt() != null && chat.getPrompt().history().isEmpty();
    }

    /** For the cache-store route: the SETEX key, value (intent + answer) and TTL. */
    public void prepareStore(Exchange exchange) throws Exception {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        exchange.getMessage().setHeader(RedisConstants.KEY, key(chat.getRequest().text()));
        exchange.getMessage().setHeader(RedisConstants.VALUE, JSON.writeValueAsString(
                Map.of("intent", chat.getIntent().intent().id(), "answer", chat.getAnswer())));
        exchange.getMessage().setHeader(RedisConstants.TIMEOUT, settings.ttl().toSeconds());
    }
}
