package com.mangaassist.memory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DynamoDB settings. {@code endpoint} blank = the real regional endpoint; {@code createTables}
 * creates missing tables at startup (local profile; in AWS the tables come from infrastructure code).
 */
@ConfigurationProperties(prefix = "mangaassist.dynamodb")
public record DynamoDbSettings(String endpoint, String conversationTable, String rollupTable, boolean createTables) {

    public DynamoDbSettings {
        conversationTable = conversationTable == null ? "mangaassist-conversation-turns" : conversationTable;
        rollupTable = rollupTable == null ? "mangaassist-latency-rollups" : rollupTable;
    }
}
