package com.mangaassist.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.journal.DurableDynamoWriter;

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
    /** The owner named in the audit record of a refused request for a session saved before sessions had users. */
    static final String UNOWNED = "(unowned)";

    private final DurableDynamoWriter writer;
    private final DynamoDbSettings settings;
    private final int turns;

    public ConversationMemory(DurableDynamoWriter writer, DynamoDbSettings settings,
                              @Value("${mangaassist.memory.turns:10}") int turns) {
        this.writer = writer;
        this.settings = settings;
        this.turns = turns;
    }

    public void prepareRecentTurnsQuery(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        exchange.getMessage().setHeader(Ddb2Constants.KEY_CONDITIONS, Map.of(TableProvisioner.SESSION_ID,
                Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromS(chat.getRequest().sessionId())).build()));
        exchange.getMessage().setHeader(Ddb2Constants.SCAN_INDEX_FORWARD, false);
        exchange.getMessage().setHeader(Ddb2Constants.LIMIT, turns);
    }

    @SuppressWarnings("unchecked")
    public void readRecentTurns(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        List<Map<String, AttributeValue>> items = exchange.getMessage().getHeader(Ddb2Constants.ITEMS, List.class);
        List<ConversationTurn> history = new ArrayList<>();
        String user = chat.getRequest().userId();
        if (items != null) {
            for (Map<String, AttributeValue> item : items) {
                AttributeValue owner = item.get(USER_ID);
                if (owner == null || !owner.s().equals(user)) {
                    // another user's session: none of it is read (the pipeline refuses and audits the request).
                    // Turns saved before sessions had users belong to no one provable: refused to everyone,
                    // rather than read into, and claimed by, whoever names the session id first
                    chat.markForeignSession(owner == null ? UNOWNED : owner.s());
                    history.clear();
                    break;
                }
                if (!item.containsKey("role")) {
                    continue; // the session's owner item (turnTs 0), not a turn
                }
                history.add(new ConversationTurn(item.get("role").s(), item.get("text").s(),
                        Long.parseLong(item.get(TableProvisioner.TURN_TS).n())));
            }
        }
        Collections.reverse(history); // the query returns newest first; prompts want oldest first
        chat.setHistory(history);
    }

    /**
     * Saves the user's message and the answer it got, ordered by their turn timestamps; returns
     * once both are in DynamoDB or in the durable journal (never lost). An answer whose stream
     * broke is saved as far as it got, marked interrupted.
     */
    public void saveTurns(ChatContext chat) throws java.io.IOException {
        long userTs = chat.getRequest().receivedAtEpochMillis() * 1000 + (chat.getRequest().receivedAtNanos() / 1000) % 1000;
        writer.putOwned(settings.conversationTable(), ownerItem(chat), USER_ID, List.of(
                item(chat, "user", chat.getRequest().text(), userTs),
                item(chat, "assistant", chat.getAnswer(), userTs + 1)));
    }

    /**
     * The session's owner item (turnTs 0): the first saved turn creates it, and every save is a
     * transaction conditioned on it naming this user, so a session id is written only by its owner,
     * even when the memory read that would have refused a foreign one timed out (DynamoDB down).
     */
    private static Map<String, AttributeValue> ownerItem(ChatContext chat) {
        Map<String, AttributeValue> owner = new java.util.LinkedHashMap<>();
        owner.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(chat.getRequest().sessionId()));
        owner.put(TableProvisioner.TURN_TS, AttributeValue.fromN(OWNER_TURN_TS));
        owner.put(USER_ID, AttributeValue.fromS(chat.getRequest().userId()));
        return owner;
    }

    private static Map<String, AttributeValue> item(ChatContext chat, String role, String text, long ts) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put(TableProvisioner.SESSION_ID, AttributeValue.fromS(chat.getRequest().sessionId()));
        item.put(TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)));
        item.put(USER_ID, AttributeValue.fromS(chat.getRequest().userId()));
        item.put("role", AttributeValue.fromS(role));
        item.put("text", AttributeValue.fromS(text.isEmpty() ? " " : text));
        item.put("requestId", AttributeValue.fromS(chat.getRequest().requestId()));
        item.put("intent", AttributeValue.fromS(chat.getIntent() == null ? "unknown" : chat.getIntent().intent().id()));
        if ("assistant".equals(role) && chat.isInterrupted()) {
            item.put("interrupted", AttributeValue.fromBool(true));
        }
        return item;
    }
}
