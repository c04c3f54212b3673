package com.mangaassist.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.mangaassist.config.DaemonThreads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes that must never be lost (conversation turns, audit records): tried against DynamoDB with
 * backoff; what still fails goes to the {@link WriteJournal} and is replayed in order, in the
 * background, once DynamoDB answers again. While anything is journaled, new writes queue behind
 * it, so they reach the table in the order they were accepted.
 */
@Component
public class DurableDynamoWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DurableDynamoWriter.class);

    private final DynamoDbClient dynamoDb;
    private final WriteJournal journal;
    private final int attempts;
    private final Duration backoff;
    private final Counter journaled;
    private final Counter replayed;
    private final Counter refused;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService replayer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("write-journal-replay"));

    /** How a write went: in the table, not reached (try again), or refused by its ownership condition (never retried). */
    enum Outcome { WRITTEN, FAILED, REFUSED }

    public DurableDynamoWriter(DynamoDbClient dynamoDb, MeterRegistry meters, ApplicationEventPublisher events,
                               JournalSettings settings) throws IOException {
        this.dynamoDb = dynamoDb;
        this.events = events;
        this.journal = new WriteJournal(settings.dir(), settings.maxEntries());
        this.attempts = settings.attempts();
        this.backoff = settings.backoff();
        Duration replayInterval = settings.replayInterval();
        Gauge.builder("mangaassist.journal.pending", journal, WriteJournal::size)
                .description("Writes waiting in the durable journal for DynamoDB").register(meters);
        this.journaled = Counter.builder("mangaassist.journal.appended")
                .description("Writes DynamoDB did not take that went to the durable journal").register(meters);
        this.replayed = Counter.builder("mangaassist.journal.replayed")
                .description("Journaled writes replayed to DynamoDB").register(meters);
        this.refused = Counter.builder("mangaassist.journal.refused")
                .description("Conditional writes refused because they wrote into something another owner holds").register(meters);
        replayer.scheduleWithFixedDelay(this::replay, replayInterval.toMillis(), replayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Puts the items; returns once they are in DynamoDB or durably journaled. */
    public void put(String table, List<Map<String, AttributeValue>> items) throws IOException {
        put(new PendingWrite(table, items));
    }

    /**
     * Puts the items together with {@code ownerItem}, in one transaction that holds only while the
     * stored owner item is absent or names the same owner ({@code ownerAttribute}): checked by DynamoDB
     * when the write runs, also when it is replayed from the journal after an outage. A refused write
     * is dropped and published as {@link SessionWriteRefused}.
     */
    public void putOwned(String table, Map<String, AttributeValue> ownerItem, String ownerAttribute,
                         List<Map<String, AttributeValue>> items) throws IOException {
        put(new PendingWrite(table, items, ownerItem, ownerAttribute));
    }

    private void put(PendingWrite write) throws IOException {
        if (journal.isEmpty()) {
            Outcome outcome = tryWithBackoff(write);
            if (outcome == Outcome.REFUSED) {
                refused(write);
            }
            if (outcome != Outcome.FAILED) {
                return;
            }
        }
        journal.append(write);
        journaled.increment();
    }

    /** True when the journal cannot take more: the service must stop accepting what it could lose. */
    public boolean isFull() {
        return journal.isFull();
    }

    public int pending() {
        return journal.size();
    }

    private Outcome tryWithBackoff(PendingWrite write) {
        long pause = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Outcome outcome = writeOnce(write);
            if (outcome != Outcome.FAILED) {
                return outcome;
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.FAILED;
                }
                pause *= 2;
            }
        }
        return Outcome.FAILED;
    }

    private Outcome writeOnce(PendingWrite write) {
        return write.isOwned() ? writeOwned(write) : writeBatch(write) ? Outcome.WRITTEN : Outcome.FAILED;
    }

    private Outcome writeOwned(PendingWrite write) {
        List<TransactWriteItem> puts = new java.util.ArrayList<>();
        puts.add(TransactWriteItem.builder().put(Put.builder().tableName(write.table()).item(write.ownerItem())
                .conditionExpression("attribute_not_exists(#owner) OR #owner = :owner")
                .expressionAttributeNames(Map.of("#owner", write.ownerAttribute()))
                .expressionAttributeValues(Map.of(":owner", write.ownerItem().get(write.ownerAttribute())))
                .build()).build());
        write.items().forEach(item -> puts.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(write.table()).item(item).build()).build()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(puts));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return Outcome.REFUSED;
            }
            LOG.debug("DynamoDB transaction on {} cancelled: {}", write.table(), e.toString());
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            LOG.debug("DynamoDB transaction on {} failed: {}", write.table(), e.toString());
            return Outcome.FAILED;
        }
    }

    /** Counted, logged and published (audited): a refused write is never retried. */
    private void refused(PendingWrite write) {
        refused.increment();
        LOG.warn("Refused a write by {} into {} of table {}: it belongs to another owner", write.owner(),
                write.ownerItem().values().iterator().next().s(), write.table());
        try {
            events.publishEvent(new SessionWriteRefused(write));
        } catch (RuntimeException e) {
            LOG.error("Could not record the refused write by {} (the log line above stands for it)", write.owner(), e);
        }
    }

    private boolean writeBatch(PendingWrite write) {
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
            return unprocessed.isEmpty();
        } catch (RuntimeException e) {
            LOG.debug("DynamoDB write to {} failed: {}", write.table(), e.toString());
            return false;
        }
    }

    /** Replays journaled writes oldest first; stops at the first that still fails. */
    void replay() {
        try {
            int done = 0;
            PendingWrite next;
            while ((next = journal.peekFirst()) != null) {
                Outcome outcome = writeOnce(next);
                if (outcome == Outcome.FAILED) {
                    break;
                }
                journal.removeFirst();
                if (outcome == Outcome.REFUSED) {
                    refused(next); // after it left the journal: its audit record may itself need the journal
                }
                replayed.increment();
                done++;
            }
            if (done > 0) {
                LOG.info("Replayed {} journaled writes to DynamoDB; {} still pending", done, journal.size());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Write journal replay failed", e);
        }
    }

    @PreDestroy
    void stop() throws IOException {
        replayer.shutdownNow();
        journal.close();
    }
}
