package com.mangaassist.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A {@link PendingWrite} sent to DynamoDB and what came of it, for {@link DurableDynamoWriter}: in the
 * table, not reached (throttling, a timeout, an outage: try again), refused by its ownership condition,
 * or rejected as it is (a validation error: it never will be taken).
 */
final class DynamoAttempts {

    // the writer's logger name, which operators' log settings already know
    private static final Logger LOG = LoggerFactory.getLogger(DurableDynamoWriter.class);
    /** DynamoDB's "never with this item": its validation errors (a transaction's reason code, an exception's error code). */
    private static final Set<String> REJECTIONS = Set.of("ValidationException", "ValidationError");

    /** How a write went: in the table, not reached (try again), refused by its ownership condition, or rejected as it is (never retried). */
    enum Outcome { WRITTEN, FAILED, REFUSED, REJECTED }

    /** An outcome and, for a rejection, DynamoDB's reason. */
    record Attempt(Outcome outcome, String reason) {
        static final Attempt WRITTEN = new Attempt(Outcome.WRITTEN, null);
        static final Attempt FAILED = new Attempt(Outcome.FAILED, null);
        static final Attempt REFUSED = new Attempt(Outcome.REFUSED, null);
    }

    private final DynamoDbClient dynamoDb;
    private final int attempts;
    private final Duration backoff;

    DynamoAttempts(DynamoDbClient dynamoDb, int attempts, Duration backoff) {
        this.dynamoDb = dynamoDb;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** Up to {@code attempts} tries, the pause doubling from {@code backoff}, until one is not FAILED. */
    Attempt withBackoff(PendingWrite write) {
        long pause = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Attempt outcome = once(write);
            if (outcome.outcome() != Outcome.FAILED) {
                return outcome;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Attempt.FAILED;
                }
                pause *= 2;
            }
        }
        return Attempt.FAILED;
    }

    /** One try: a batch of puts, or for an owned write one conditional transaction. */
    Attempt once(PendingWrite write) {
        return write.isOwned() ? writeOwned(write) : writeBatch(write);
    }

    private Attempt writeOwned(PendingWrite write) {
        List<TransactWriteItem> puts = new ArrayList<>();
        puts.add(TransactWriteItem.builder().put(Put.builder().tableName(write.table()).item(write.ownerItem())
                .conditionExpression("attribute_not_exists(#owner) OR #owner = :owner")
                .expressionAttributeNames(Map.of("#owner", write.ownerAttribute()))
                .expressionAttributeValues(Map.of(":owner", write.ownerItem().get(write.ownerAttribute())))
                .build()).build());
        write.items().forEach(item -> puts.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(write.table()).item(item).build()).build()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(puts));
            return Attempt.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(r -> r.code()).toList() : List.of();
            if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
                return Attempt.REFUSED;
            }
            if (codes.stream().anyMatch(REJECTIONS::contains)) {
                return new Attempt(Outcome.REJECTED, "transaction cancelled: " + codes + " " + e.getMessage());
            }
            LOG.debug("DynamoDB transaction on {} cancelled: {}", write.table(), e.toString());
            return Attempt.FAILED;
        } catch (RuntimeException e) {
            return failedOrRejected(write, e);
        }
    }

    /** Only a validation error is the item's fault; throttling, auth, a missing table or a timeout may pass. */
    private static Attempt failedOrRejected(PendingWrite write, RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && REJECTIONS.contains(service.awsErrorDetails().errorCode())) {
            return new Attempt(Outcome.REJECTED, service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage());
        }
        LOG.debug("DynamoDB write to {} failed: {}", write.table(), e.toString());
        return Attempt.FAILED;
    }

    private Attempt writeBatch(PendingWrite write) {
        try {
            List<WriteRequest> requests = write.items().stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(write.table(), requests);
            // DynamoDB may take part of a batch: resend the rest until it is all in (or a call fails)
            for (int round = 0; round < 5 && !unprocessed.isEmpty(); round++) {
                Map<String, List<WriteRequest>> toSend = unprocessed;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(toSend));
                unprocessed = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
            return unprocessed.isEmpty() ? Attempt.WRITTEN : Attempt.FAILED;
        } catch (RuntimeException e) {
            return failedOrRejected(write, e);
        }
    }
}
