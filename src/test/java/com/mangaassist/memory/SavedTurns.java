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

    public List<Map<String, AttributeValue>> of(String sessionId) {
        return dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression(TableProvisioner.SESSION_ID + " = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(sessionId)))).items();
    }

    /** Polls until the session's turns satisfy the condition (the save is a wireTap); fails after the timeout. */
    public List<Map<String, AttributeValue>> await(String sessionId, Predicate<List<Map<String, AttributeValue>>> done,
                                                   Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Map<String, AttributeValue>> turns = of(sessionId);
            if (done.test(turns)) {
                return turns;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("turns of " + sessionId + " never matched; last read " + turns);
            }
            Thread.sleep(50);
        }
    }
}
