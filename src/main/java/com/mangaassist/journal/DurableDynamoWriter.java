package com.mangaassist.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes that must never be lost (conversation turns, audit records): tried against DynamoDB with
 * backoff; what still fails goes to the {@link WriteJournal} and is replayed in order, in the
 * background, once DynamoDB answers again.
 *
 * <p>Order is kept per session ({@link PendingWrite#orderKey()}): a new write goes straight to
 * DynamoDB unless its session has writes journaled, which it then queues behind. While DynamoDB is
 * known to be failing (the last write that reached for it failed, until a replay gets through) new
 * writes go to the journal at once instead of each waiting out timeouts and backoff.
 *
 * <p>A write DynamoDB rejects as it is (a validation error: it never will take it) is moved to the
 * dead-letter file and counted, and replay goes on. A write the journal's disk refuses (full,
 * read-only) is held in memory and retried; meanwhile {@link #isFull()} refuses new messages. A
 * graceful stop replays what it can within {@code drainTimeout} before closing the file.
 */
@Component
public class DurableDynamoWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DurableDynamoWriter.class);
    /** DynamoDB's "never with this item": its validation errors (a transaction's reason code, an exception's error code). */
    private static final Set<String> REJECTIONS = Set.of("ValidationException", "ValidationError");

    private final DynamoDbClient dynamoDb;
    private final WriteJournal journal;
    private final int attempts;
    private final Duration backoff;
    private final Duration drainTimeout;
    private final Counter journaled;
    private final Counter replayed;
    private final Counter refused;
    private final Counter deadLettered;
    private final ApplicationEventPublisher events;
    /** Writes the journal's disk refused: kept here and retried, never dropped (bounded by the messages in flight). */
    private final ConcurrentLinkedDeque<PendingWrite> held = new ConcurrentLinkedDeque<>();
    private volatile boolean dynamoFailing;
    private final ScheduledExecutorService replayer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("write-journal-replay"));

    /** How a write went: in the table, not reached (try again), refused by its ownership condition, or rejected as it is (never retried). */
    enum Outcome { WRITTEN, FAILED, REFUSED, REJECTED }

    /** An outcome and, for a rejection, DynamoDB's reason. */
    record Attempt(Outcome outcome, String reason) {
        static final Attempt WRITTEN = new Attempt(Outcome.WRITTEN, null);
        static final Attempt FAILED = new Attempt(Outcome.FAILED, null);
        static final Attempt REFUSED = new Attempt(Outcome.REFUSED, null);
    }

    public DurableDynamoWriter(DynamoDbClient dynamoDb, MeterRegistry meters, ApplicationEventPublisher events,
                               JournalSettings settings) throws IOException {
        this.dynamoDb = dynamoDb;
        this.events = events;
        this.journal = new WriteJournal(settings.dir(), settings.maxSize().toBytes());
        this.attempts = settings.attempts();
        this.backoff = settings.backoff();
        this.drainTimeout = settings.drainTimeout();
        Duration replayInterval = settings.replayInterval();
        Gauge.builder("mangaassist.journal.pending", this, DurableDynamoWriter::pending)
                .description("Writes waiting in the durable journal (or held while its disk refuses) for DynamoDB").register(meters);
        Gauge.builder("mangaassist.journal.pending_bytes", journal, WriteJournal::bytes)
                .description("Bytes of journaled writes waiting for DynamoDB").register(meters);
        Gauge.builder("mangaassist.journal.max_bytes", journal, WriteJournal::maxBytes)
                .description("The journal's bound: at this many pending bytes new messages are refused").register(meters);
        Gauge.builder("mangaassist.journal.writable", journal, j -> j.isWritable() ? 1 : 0)
                .description("1 while the journal's disk takes appends, 0 after one failed (full, read-only)").register(meters);
        this.journaled = Counter.builder("mangaassist.journal.appended")
                .description("Writes DynamoDB did not take that went to the durable journal").register(meters);
        this.replayed = Counter.builder("mangaassist.journal.replayed")
                .description("Journaled writes replayed to DynamoDB").register(meters);
        this.refused = Counter.builder("mangaassist.journal.refused")
                .description("Conditional writes refused because they wrote into something another owner holds").register(meters);
        this.deadLettered = Counter.builder("mangaassist.journal.dead_lettered")
                .description("Writes DynamoDB rejects as they are (or unreadable journal lines), moved to the dead-letter file").register(meters);
        deadLettered.increment(journal.deadLetteredAtStart());
        replayer.scheduleWithFixedDelay(this::replay, replayInterval.toMillis(), replayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Puts the items; returns once they are in DynamoDB or durably journaled (or held, see {@link #isFull()}). */
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
        if (!dynamoFailing && !journal.hasPending(write.orderKey()) && !heldFor(write.orderKey())) {
            Attempt attempt = tryWithBackoff(write);
            switch (attempt.outcome()) {
                case WRITTEN -> {
                    return;
                }
                case REFUSED -> {
                    refused(write);
                    return;
                }
                case REJECTED -> {
                    deadLetter(write, attempt.reason());
                    return;
                }
                case FAILED -> dynamoFailing = true;
            }
        }
        keep(write);
    }

    /** Journals the write; when the disk refuses, holds it in memory for the replayer to retry. */
    private void keep(PendingWrite write) {
        try {
            journal.append(write);
            journaled.increment();
        } catch (IOException e) {
            held.addLast(write);
            LOG.error("Write journal {} refused an append ({}); {} writes held in memory until it takes them again",
                    journal.file(), e.toString(), held.size());
        }
    }

    private boolean heldFor(String orderKey) {
        return !held.isEmpty() && held.stream().anyMatch(w -> w.orderKey().equals(orderKey));
    }

    private void deadLetter(PendingWrite write, String reason) {
        deadLettered.increment();
        LOG.error("DynamoDB rejects a write to {} as it is ({}); moved to {}", write.table(), reason, journal.deadLetterFile());
        try {
            journal.deadLetter(write, reason);
        } catch (IOException e) {
            LOG.error("Could not write the dead letter to {}; the rejected write was {}", journal.deadLetterFile(),
                    write.toJsonLine(), e);
        }
    }

    /**
     * True when the service must stop accepting what it could lose: the journal is full in bytes, or
     * its disk refused the last append. Lock-free: asked on the ingress's event loop.
     */
    public boolean isFull() {
        return journal.isFull() || !held.isEmpty();
    }

    public int pending() {
        return journal.size() + held.size();
    }

    private Attempt tryWithBackoff(PendingWrite write) {
        long pause = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Attempt outcome = writeOnce(write);
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

    private Attempt writeOnce(PendingWrite write) {
        return write.isOwned() ? writeOwned(write) : writeBatch(write);
    }

    private Attempt writeOwned(PendingWrite write) {
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

    /**
     * Replays journaled writes oldest first and stops at the first that still fails; a rejected one
     * is dead-lettered and the rest go on. Then retries what the disk refused. Returns how many left.
     */
    int replay() {
        int done = 0;
        try {
            PendingWrite next;
            while ((next = journal.peekFirst()) != null) {
                Attempt attempt = writeOnce(next);
                if (attempt.outcome() == Outcome.FAILED) {
                    dynamoFailing = true;
                    break;
                }
                if (attempt.outcome() == Outcome.REJECTED) {
                    deadLettered.increment();
                    LOG.error("DynamoDB rejects a journaled write to {} as it is ({}); moved to {}", next.table(),
                            attempt.reason(), journal.deadLetterFile());
                    journal.deadLetterFirst(attempt.reason());
                } else {
                    journal.removeFirst();
                    if (attempt.outcome() == Outcome.REFUSED) {
                        refused(next); // after it left the journal: its audit record may itself need the journal
                    }
                    replayed.increment();
                }
                done++;
            }
            if (journal.isEmpty()) {
                dynamoFailing = false;
            }
            retryHeld();
            if (done > 0) {
                LOG.info("Replayed {} journaled writes to DynamoDB; {} still pending", done, pending());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Write journal replay failed", e);
        }
        return done;
    }

    /** Writes the disk refused: back to the journal once it takes appends (their order kept), else straight to DynamoDB. */
    private void retryHeld() {
        if (held.isEmpty()) {
            if (!journal.isWritable()) {
                journal.probe();
            }
            return;
        }
        PendingWrite next;
        while ((next = held.peekFirst()) != null) {
            try {
                journal.append(next);
                journaled.increment();
            } catch (IOException stillRefused) {
                if (dynamoFailing || journal.hasPending(next.orderKey())) {
                    return;
                }
                Attempt attempt = writeOnce(next);
                switch (attempt.outcome()) {
                    case FAILED -> {
                        dynamoFailing = true;
                        return;
                    }
                    case REFUSED -> refused(next);
                    case REJECTED -> deadLetter(next, attempt.reason());
                    case WRITTEN -> replayed.increment();
                }
            }
            held.pollFirst();
        }
        LOG.info("The writes held in memory are journaled or written again; the journal takes new messages");
    }

    /**
     * A graceful stop: the scheduled replays end, then the journal is replayed for up to drainTimeout
     * (while DynamoDB takes writes), so a pod that goes away leaves as little as it can on its volume.
     */
    @PreDestroy
    void stop() throws IOException {
        long deadline = System.nanoTime() + drainTimeout.toNanos(); // one budget for the running replay and the drain
        replayer.shutdown();
        try {
            replayer.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (pending() > 0 && System.nanoTime() < deadline && replay() > 0) {
            // each round replays until a write fails; a round that moves nothing means DynamoDB is not taking writes
        }
        if (pending() > 0) {
            LOG.warn("Stopping with {} writes ({} bytes) in the journal {}; the next start replays them", journal.size(),
                    journal.bytes(), journal.file());
        }
        if (!held.isEmpty()) {
            LOG.error("Stopping with {} writes the journal's disk refused; they are lost: {}", held.size(),
                    held.stream().map(PendingWrite::toJsonLine).toList());
        }
        journal.close();
    }
}
