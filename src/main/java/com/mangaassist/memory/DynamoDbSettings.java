package com.mangaassist.memory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DynamoDB settings. {@code endpoint} blank = the real regional endpoint; {@code createTables}
 * creates missing tables at startup (local profile; in AWS the tables come from infrastructure code);
 * {@code maxAttempts} = SDK attempts per call (the turn journal retries beyond that).
 */
@ConfigurationProperties(prefix = "mangaassist.dynamodb")
public record DynamoDbSettings(String endpoint, String conversationTable, String rollupTable, String auditTable,
                               boolean createTables, int maxAttempts) {

    public DynamoDbSettings {
        auditTable = auditTable == null ? "mangaassist-audit" : auditTable;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        conversationTable = conversationTable == null ? "mangaassist-conversation-turns" : conversationTable;
        rollupTable = rollupTable == null ? "mangaassist-latency-rollups" : rollupTable;
    }
}
