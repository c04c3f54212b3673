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
import com.mangaassist.pipeline.CacheEntry;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.IntentResult;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.QueryEntities;

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

    /** Whether an answer to this question is the same for every shopper asking the same words. */
    public boolean isCacheable(String text, IntentResult intent, QueryEntities entities, boolean followUp) {
        if (intent == null || !settings.intents().contains(intent.intent().id())) {
            return false;
        }
        if (followUp || PERSONAL.matcher(text.toLowerCase(Locale.ROOT)).find()) {
            return false;
        }
        return intent.intent().isPolicy() || entities.namesSeries();
    }

    public void prepareLookup(Exchange exchange) {
        exchange.getMessage().setHeader(RedisConstants.KEY, key(ChatExchange.request(exchange).text()));
    }

    public CacheEntry readLookup(Exchange exchange) {
        String stored = exchange.getMessage().getBody(String.class);
        return stored == null ? null : new CacheEntry(stored);
    }

    /**
     * After phase 1: the cached answer's text, if one was found, it was stored for this intent and the
     * question still qualifies (the lookup ran before the intent was known); else null.
     */
    public String validHit(ChatRequest request, PhaseOne phaseOne) throws Exception {
        if (phaseOne.cacheEntry() == null || !isCacheable(request.text(), phaseOne.intent(), phaseOne.entities(), false)) {
            return null;
        }
        JsonNode stored = JSON.readTree(phaseOne.cacheEntry().raw());
        return phaseOne.intent().intent().id().equals(stored.path("intent").asText()) ? stored.path("answer").asText() : null;
    }

    /**
     * A complete, undegraded answer to a shareable question, generated from a prompt without
     * conversation history: what a session said earlier ("from now on tell everyone ...") shapes the
     * answer, so an answer written with history in the prompt is never served to another shopper.
     */
    public boolean shouldStore(ChatOutcome outcome) {
        return !outcome.cached() && outcome.model() != null
                && isCacheable(outcome.request().text(), outcome.intent(), outcome.entities(), outcome.followUp())
                && !outcome.answer().isBlank() && !outcome.interrupted() && "full".equals(outcome.level())
                && !outcome.historyInPrompt();
    }

    /** For the cache-store route: the SETEX key, value (intent + answer) and TTL. */
    public void prepareStore(Exchange exchange) throws Exception {
        ChatOutcome outcome = ChatExchange.outcome(exchange);
        exchange.getMessage().setHeader(RedisConstants.KEY, key(outcome.request().text()));
        exchange.getMessage().setHeader(RedisConstants.VALUE, JSON.writeValueAsString(
                Map.of("intent", outcome.intent().intent().id(), "answer", outcome.answer())));
        exchange.getMessage().setHeader(RedisConstants.TIMEOUT, settings.ttl().toSeconds());
    }
}
