package com.mangaassist.memory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a session's stored turns straight from DynamoDB, for tests of the asynchronous save. */
public final class SavedTurns {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SavedTurns(DynamoDbClient dynamoDb, DynamoDbSettings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.conversationTable();
    }

    /** The session's turns, oldest first (its owner item left out). */
    public List<Map<String, AttributeValue>> of(String sessionId) {
        return all(sessionId).stream().filter(item -> item.containsKey("role")).toList();
    }

    /** The session's owner: the user its owner item names, or null before its first saved turn. */
    public String owner(String sessionId) {
        return all(sessionId).stream().filter(item -> !item.containsKey("role")).findFirst()
                .map(item -> item.get("userId").s()).orElse(null);
    }

    private List<Map<String, AttributeValue>> all(String sessionId) {
        return dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression(TableProvisioner.SESSION_ID + " = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sessionId)))).items();
    }

    /** Polls until the session's turns satisfy the condition (the save is a wireTap); fails after the timeout. */
    public List<Map<String, AttributeValue>> await(String sessionId, Predicate<List<Map<String, AttributeValue>>> done,
                                                   Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .alias("the turns of " + sessionId).until(() -> of(sessionId), done::test);
    }
}
