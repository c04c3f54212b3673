package com.mangaassist.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.TableProvisioner;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Today's audit records of one event and session, read straight from the audit table (for tests). */
public final class AuditRecords {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public AuditRecords(DynamoDbClient dynamoDb, DynamoDbSettings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    public List<Map<String, AttributeValue>> of(String event, String sessionId) {
        return dynamoDb.query(q -> q.tableName(table)
                        .keyConditionExpression("#day = :d")
                        .expressionAttributeNames(Map.of("#day", TableProvisioner.AUDIT_DAY))
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(Instant.now().toString().substring(0, 10)))))
                .items().stream()
                .filter(i -> i.containsKey("event") && event.equals(i.get("event").s()))
                .filter(i -> sessionId.equals(i.get("sessionId").s())).toList();
    }
}
