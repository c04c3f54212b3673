package com.mangaassist.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the service's tables when {@code mangaassist.dynamodb.create-tables} is on:
 * conversation turns (sessionId + turnTs), hourly latency rollups (hour + series) and audit
 * records (day + receivedAt#requestId).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TableProvisioner implements ApplicationRunner {

    public static final String SESSION_ID = "sessionId";
    public static final String TURN_TS = "turnTs";
    public static final String HOUR = "hour";
    public static final String SERIES = "series";
    public static final String AUDIT_DAY = "day";
    public static final String AUDIT_KEY = "atRequest";

    private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbSettings settings;

    public TableProvisioner(DynamoDbClient dynamoDb, DynamoDbSettings settings) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.createTables()) {
            return;
        }
        createTable(settings.conversationTable(), SESSION_ID, ScalarAttributeType.S, TURN_TS, ScalarAttributeType.N);
        createTable(settings.rollupTable(), HOUR, ScalarAttributeType.S, SERIES, ScalarAttributeType.S);
        createTable(settings.auditTable(), AUDIT_DAY, ScalarAttributeType.S, AUDIT_KEY, ScalarAttributeType.S);
    }

    private void createTable(String table, String hashKey, ScalarAttributeType hashType,
                             String rangeKey, ScalarAttributeType rangeType) {
        try {
            dynamoDb.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(hashKey).attributeType(hashType).build(),
                            AttributeDefinition.builder().attributeName(rangeKey).attributeType(rangeType).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build()));
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
            LOG.info("Created DynamoDB table {}", table);
        } catch (ResourceInUseException alreadyThere) {
            LOG.debug("DynamoDB table {} already exists", table);
        }
    }
}
