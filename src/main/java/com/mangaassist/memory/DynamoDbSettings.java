package com.mangaassist.memory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DynamoDB settings. {@code endpoint} blank = the real regional endpoint; {@code createTables}
 * creates missing tables at startup (local profile; in AWS the tables come from infrastructure code);
 * {@code maxAttempts} = SDK attempts per call (the turn journal retries beyond that).
 *
 * @param endpoint endpoint override; blank: the regional endpoint
 * @param conversationTable the turns table (key sessionId S, sort turnTs N)
 * @param rollupTable the latency rollups (key hour S, sort series S)
 * @param auditTable the audit records (key day S, sort atRequest S)
 * @param createTables create missing tables at startup (tests, for their own table names)
 * @param maxAttempts SDK attempts per call (the turn journal retries beyond that)
 */
@ConfigurationProperties(prefix = "mangaassist.dynamodb")
public record DynamoDbSettings(String endpoint, String conversationTable, String rollupTable, String auditTable,
                               boolean createTables, int maxAttempts) {

}
