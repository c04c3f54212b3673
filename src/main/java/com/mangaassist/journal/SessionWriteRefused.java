package com.mangaassist.journal;

/**
 * A conditional write ({@link PendingWrite#isOwned()}) that DynamoDB refused because what it writes into
 * belongs to another owner: published as a Spring event, so it is audited, never retried.
 */
public record SessionWriteRefused(PendingWrite write) {
}
