package com.mangaassist.journal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What {@link DurableDynamoWriter} counts, logs and reports about the writes that did not simply go
 * in: journaled, replayed, refused by their ownership condition (published for the audit) and
 * dead-lettered; and the journal's gauges. The metric names are public: add, never rename.
 */
final class WriteRecords {

    // the writer's logger name, which operators' log settings already know
    private static final Logger LOG = LoggerFactory.getLogger(DurableDynamoWriter.class);

    private final ApplicationEventPublisher events;
    private final WriteJournal journal;
    private final Counter journaled;
    private final Counter replayed;
    private final Counter refused;
    private final Counter deadLettered;

    WriteRecords(MeterRegistry meters, ApplicationEventPublisher events, DurableDynamoWriter writer, WriteJournal journal) {
        this.events = events;
        this.journal = journal;
        Gauge.builder("mangaassist.journal.pending", writer, DurableDynamoWriter::pending)
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
    }

    void journaled() {
        journaled.increment();
    }

    void replayed() {
        replayed.increment();
    }

    /** Counted, logged and published (audited): a refused write is never retried. */
    void refused(PendingWrite write) {
        refused.increment();
        LOG.warn("Refused a write by {} into {} of table {}: it belongs to another owner", write.owner(),
                write.ownerItem().values().iterator().next().s(), write.table());
        try {
            events.publishEvent(new SessionWriteRefused(write));
        } catch (RuntimeException e) {
            LOG.error("Could not record the refused write by {} (the log line above stands for it)", write.owner(), e);
        }
    }

    /** A write DynamoDB rejects as it is, never journaled: straight to the dead-letter file. */
    void deadLetter(PendingWrite write, String reason) {
        deadLettered.increment();
        LOG.error("DynamoDB rejects a write to {} as it is ({}); moved to {}", write.table(), reason, journal.deadLetterFile());
        try {
            journal.deadLetter(write, reason);
        } catch (IOException e) {
            LOG.error("Could not write the dead letter to {}; the rejected write was {}", journal.deadLetterFile(),
                    write.toJsonLine(), e);
        }
    }

    /** The journal's first entry, which DynamoDB rejects as it is: moved to the dead-letter file, the rest go on. */
    void deadLetterFirst(PendingWrite first, String reason) throws IOException {
        deadLettered.increment();
        LOG.error("DynamoDB rejects a journaled write to {} as it is ({}); moved to {}", first.table(), reason,
                journal.deadLetterFile());
        journal.deadLetterFirst(reason);
    }
}
