package com.mangaassist.memory;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** UP when the conversation table answers DescribeTable. */
@Component("dynamodb")
public class DynamoDbHealthIndicator extends AbstractHealthIndicator {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbSettings settings;

    public DynamoDbHealthIndicator(DynamoDbClient dynamoDb, DynamoDbSettings settings) {
        super("DynamoDB health check failed");
        this.dynamoDb = dynamoDb;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var table = dynamoDb.describeTable(b -> b.tableName(settings.conversationTable())).table();
        builder.up()
                .withDetail("table", table.tableName())
                .withDetail("status", table.tableStatusAsString())
                .withDetail("endpoint", settings.endpoint() == null || settings.endpoint().isBlank()
                        ? "aws" : settings.endpoint());
    }
}
