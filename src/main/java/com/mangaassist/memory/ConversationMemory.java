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

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Conversation turns in DynamoDB: the read side prepares and reads the aws2-ddb Query of the
 * memory route (newest N turns of the session), the write side saves a request's user and
 * assistant turns in one BatchWriteItem.
 */
@Component("conversationMemory")
public class ConversationMemory {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbSettings settings;
    private final int turns;

    public ConversationMemory(DynamoDbClient dynamoDb, DynamoDbSettings settings,
                              @Value("${mangaassist.memory.turns:10}") int turns) {
        this.dynamoDb = dynamoDb;
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
        if (items != null) {
            for (Map<String, AttributeValue> item : items) {
                history.add(new ConversationTurn(item.get("role").s(), item.get("text").s(),
                        Long.parseLong(item.get(TableProvisioner.TURN_TS).n())));
            }
        }
        Collections.reverse(history); // the query returns newest first; prompts want oldest first
        chat.setHistory(history);
    }

    /** Saves the user's message and the answer it got, ordered by their turn timestamps. */
    public void saveTurns(ChatContext chat) {
        long userTs = chat.getRequest().receivedAtEpochMillis() * 1000 + (chat.getRequest().receivedAtNanos() / 1000) % 1000;
        dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(settings.conversationTable(), List.of(
                put(chat, "user", chat.getRequest().text(), userTs),
                put(chat, "assistant", chat.getAnswer(), userTs + 1)))));
    }

    private static WriteRequest put(ChatContext chat, String role, String text, long ts) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                TableProvisioner.SESSION_ID, AttributeValue.fromS(chat.getRequest().sessionId()),
                TableProvisioner.TURN_TS, AttributeValue.fromN(Long.toString(ts)),
                "role", AttributeValue.fromS(role),
                "text", AttributeValue.fromS(text.isEmpty() ? " " : text),
                "requestId", AttributeValue.fromS(chat.getRequest().requestId()),
                "intent", AttributeValue.fromS(chat.getIntent() == null ? "unknown" : chat.getIntent().intent().id())))
                .build()).build();
    }
}
