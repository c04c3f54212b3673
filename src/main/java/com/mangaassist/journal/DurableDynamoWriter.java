package com.mangaassist.journal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.mangaassist.config.DaemonThreads;
import com.mangaassist.journal.DynamoAttempts.Attempt;
import com.mangaassist.journal.DynamoAttempts.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    private final DynamoAttempts dynamoDb;
    private final WriteJournal journal;
    private final Duration drainTimeout;
    private final WriteRecords records;
    /** Writes the journal's disk refused: kept here and retried, never dropped (bounded by the messages in flight). */
    private final ConcurrentLinkedDeque<PendingWrite> held = new ConcurrentLinkedDeque<>();
    private volatile boolean dynamoFailing;
    private final ScheduledExecutorService replayer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("write-journal-replay"));

    public DurableDynamoWriter(DynamoDbClient dynamoDb, MeterRegistry meters, ApplicationEventPublisher events,
                               JournalSettings settings) throws IOException {
        this.dynamoDb = new DynamoAttempts(dynamoDb, settings.attempts(), settings.backoff());
        this.journal = new WriteJournal(settings.dir(), settings.maxSize().toBytes());
        this.drainTimeout = settings.drainTimeout();
        Duration replayInterval = settings.replayInterval();
        this.records = new WriteRecords(meters, events, this, journal);
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
            Attempt attempt = dynamoDb.withBackoff(write);
            switch (attempt.outcome()) {
                case WRITTEN -> {
                    return;
                }
                case REFUSED -> {
                    records.refused(write);
                    return;
                }
                case REJECTED -> {
                    records.deadLetter(write, attempt.reason());
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
            records.journaled();
        } catch (IOException e) {
            held.addLast(write);
            LOG.error("Write journal {} refused an append ({}); {} writes held in memory until it takes them again",
                    journal.file(), e.toString(), held.size());
        }
    }

    private boolean heldFor(String orderKey) {
        return !held.isEmpty() && held.stream().anyMatch(w -> w.orderKey().equals(orderKey));
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

    /**
     * Replays journaled writes oldest first and stops at the first that still fails; a rejected one
     * is dead-lettered and the rest go on. Then retries what the disk refused. Returns how many left.
     */
    int replay() {
        int done = 0;
        try {
            PendingWrite next;
            while ((next = journal.peekFirst()) != null) {
                Attempt attempt = dynamoDb.once(next);
                if (attempt.outcome() == Outcome.FAILED) {
                    dynamoFailing = true;
                    break;
                }
                if (attempt.outcome() == Outcome.REJECTED) {
                    records.deadLetterFirst(next, attempt.reason());
                } else {
                    journal.removeFirst();
                    if (attempt.outcome() == Outcome.REFUSED) {
                        records.refused(next); // after it left the journal: its audit record may itself need the journal
                    }
                    records.replayed();
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
                records.journaled();
            } catch (IOException stillRefused) {
                if (dynamoFailing || journal.hasPending(next.orderKey())) {
                    return;
                }
                Attempt attempt = dynamoDb.once(next);
                switch (attempt.outcome()) {
                    case FAILED -> {
                        dynamoFailing = true;
                        return;
                    }
                    case REFUSED -> records.refused(next);
                    case REJECTED -> records.deadLetter(next, attempt.reason());
                    case WRITTEN -> records.replayed();
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
