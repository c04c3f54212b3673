package com.mangaassist.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.springframework.stereotype.Component;

import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.SessionHistory;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;

/**
 * Conversation turns in DynamoDB: the read side prepares and reads the aws2-ddb Query of the
 * memory route (newest N turns of the session), the write side saves a request's user and
 * assistant turns together through the {@link DurableDynamoWriter}, into sessions the user owns only.
 */
@Component("conversationMemory")
public class ConversationMemory {

    /** The user a turn belongs to; turns written before sessions were bound to users have none. */
    static final String USER_ID = "userId";
    /** The sort key of a session's owner item: before every turn (turn timestamps are epoch microseconds). */
    static final String OWNER_TURN_TS = "0";

    private final DurableDynamoWriter writer;
    private final DynamoDbSettings settings;
    private final int turns;

    public ConversationMemory(DurableDynamoWriter writer, DynamoDbSettings settings, MemorySettings memory) {
        this.writer = writer;
        this.settings = settings;
        this.turns = memory.turns();
    }

    public void prepareRecentTurnsQuery(Exchange exchange) {
        exchange.getMessage().setHeader(Ddb2Constants.KEY_CONDITIONS, Map.of(TableProvisioner.SESSION_ID,
                Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromS(ChatExchange.request(exchange).sessionId())).build()));
        exchange.getMessage().setHeader(Ddb2Constants.SCAN_INDEX_FORWARD, false);
        exchange.getMessage().setHeader(Ddb2Constants.LIMIT, turns);
    }

    /** The query's items as the session's history, oldest first, with every owner they name ({@link SessionOwnership}). */
    @SuppressWarnings("unchecked")
    public SessionHistory readRecentTurns(Exchange exchange) {
        List<Map<String, AttributeValue>> items = exchange.getMessage().getHeader(Ddb2Constants.ITEMS, List.class);
        List<ConversationTurn> history = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        if (items != null) {
            for (Map<String, AttributeValue> item : items) {
                AttributeValue owner = item.get(USER_ID);
                owners.add(owner == null ? SessionHistory.UNOWNED : owner.s());
                if (item.containsKey("role")) { // else the session's owner item (turnTs 0), not a turn
                    history.add(new ConversationTurn(item.get("role").s(), item.get("text").s(),
                            Long.parseLong(item.get(TableProvisioner.TURN_TS).n())));
                }
            }
        }
        Collections.reverse(history); // the query returns newest first; prompts want oldest first
        return new SessionHistory(history, owners);
    }

    /**
     * Saves the user's message and the answer it got, ordered by their turn timestamps; returns
     * once both are in DynamoDB or in the durable journal (never lost). An answer whose stream
     * broke is saved as far as it got, marked interrupted.
     */
    public void saveTurns(ChatOutcome outcome) throws java.io.IOException {
        ChatRequest request = outcome.request();
        long userTs = request.receivedAtEpochMillis() * 1000 + (request.receivedAtNanos() / 1000) % 1000;
        writer.putOwned(settings.conversationTable(), ownerItem(request), USER_ID, List.of(
                item(outcome, "user", request.text(), userTs),
                item(outcome, "assistant", outcome.answer(), userTs + 1)));
    }

    /**
     * The session's owner item (turnTs 0): the first saved turn creates it, and every save is a
     * transaction conditioned on it naming this user, so a session id is written only by its owner,
     * even when the memory read that would have refused a foreign one timed out (DynamoDB down).
     */
    private static Map<String, AttributeValue> ownerItem(ChatRequest request) {
        Map<String, AttributeValue> owner = new java.util.LinkedHashMap<>();
        owner.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(request.sessionId()));
        owner.put(TableProvisioner.TURN_TS, AttributeValue.fromN(OWNER_TURN_TS));
        owner.put(USER_ID, AttributeValue.fromS(request.userId()));
        return owner;
    }

    private static Map<String, AttributeValue> item(ChatOutcome outcome, String role, String text, long ts) {
        ChatRequest request = outcome.request();
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(request.sessionId()));
        item.put(TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)));
        item.put(USER_ID, AttributeValue.fromS(request.userId()));
        item.put("role", AttributeValue.fromS(role));
        item.put("text", AttributeValue.fromS(text.isEmpty() ? " " : text));
        item.put("requestId", AttributeValue.fromS(request.requestId()));
        item.put("intent", AttributeValue.fromS(outcome.intent() == null ? "unknown" : outcome.intent().intent().id()));
        if ("assistant".equals(role) && outcome.interrupted()) {
            item.put("interrupted", AttributeValue.fromBool(true));
        }
        return item;
    }
}
