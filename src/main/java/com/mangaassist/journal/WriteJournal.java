package com.mangaassist.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of writes DynamoDB did not take, one JSON line each, fsync'd before
 * {@link #append} returns. Only offsets and per-session counts live in the heap: the head entry is
 * read from disk when replay asks for it ({@link #peekFirst}), and the file is read as a stream at
 * start. Entries leave in order ({@link #removeFirst}); the file is truncated when all are out and
 * compacted when most of it is written. Bounded in bytes ({@link #isFull()}).
 *
 * <p>At start a torn last line (a crash inside an append, never acknowledged) is truncated away, so
 * the next append starts a whole line; an unreadable line elsewhere is moved to the dead-letter
 * file ({@code dynamodb-writes.deadletter}, beside the journal), as is an entry DynamoDB rejects
 * ({@link #deadLetterFirst}). A replay that a crash interrupts is repeated from the start of the
 * file: the writes are idempotent puts, so each item still ends up in its table exactly once.
 */
public final class WriteJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteJournal.class);
    /** Compaction copies the unwritten rest; doing it only once the written part is at least as large keeps it linear. */
    private static final long COMPACT_AFTER_BYTES = 1 << 20;

    private final JournalFile file;
    private final DeadLetterFile deadLetters;
    private final long maxBytes;
    /** Entries per {@link PendingWrite#orderKey()}: read lock-free by the writer deciding direct or behind. */
    private final Map<String, Integer> pendingByKey = new ConcurrentHashMap<>();
    private long head; // offset of the first entry not yet written to DynamoDB
    private long end;  // offset after the last whole entry
    private PendingWrite headEntry; // parsed from [head, head + headLength), or null
    private int headLength;
    private volatile int entries;
    private volatile long bytes;
    private volatile boolean writable = true;
    private int deadLetteredAtStart;

    public WriteJournal(Path directory, long maxBytes) throws IOException {
        this.maxBytes = maxBytes;
        Files.createDirectories(directory);
        this.file = new JournalFile(directory.resolve("dynamodb-writes.journal"));
        this.deadLetters = new DeadLetterFile(directory.resolve("dynamodb-writes.deadletter"));
        load();
        if (entries > 0) {
            LOG.warn("Write journal {} holds {} writes ({} bytes) from before; they are replayed to DynamoDB",
                    file.path(), entries, bytes);
        }
    }

    /** One pass over the file as a stream: counts entries per key, sets unreadable lines aside (a torn tail is cut off). */
    private void load() throws IOException {
        List<long[]> keep = new ArrayList<>(); // the byte ranges between unreadable lines
        long[] from = {0};
        end = file.scan((start, after, text) -> {
            if (text.isBlank()) {
                return;
            }
            try {
                count(PendingWrite.fromJsonLine(text), +1);
            } catch (IOException | RuntimeException e) {
                deadLetters.append(text, "unreadable journal line");
                LOG.error("Write journal {}: an unreadable entry at byte {} moved to {}", file.path(), start, deadLetters.path());
                keep.add(new long[] {from[0], start});
                from[0] = after;
            }
        });
        if (!keep.isEmpty()) {
            deadLetteredAtStart = keep.size();
            keep.add(new long[] {from[0], end});
            end = file.rewrite(keep);
        }
        bytes = end - head;
    }

    private void count(PendingWrite write, int delta) {
        pendingByKey.merge(write.orderKey(), delta, (a, b) -> a + b == 0 ? null : a + b);
        entries += delta;
    }

    public boolean isEmpty() {
        return entries == 0;
    }

    public int size() {
        return entries;
    }

    /** Bytes of entries not yet written to DynamoDB. */
    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Lines found unreadable at start and moved to the dead-letter file. */
    public int deadLetteredAtStart() {
        return deadLetteredAtStart;
    }

    /** True while a write for this key waits here: a new one must queue behind it to keep the order. */
    public boolean hasPending(String orderKey) {
        return pendingByKey.containsKey(orderKey);
    }

    /**
     * Lock-free (the ingress asks on its event loop, and an append holds the lock through its fsync):
     * full in bytes, or the disk refused the last append.
     */
    public boolean isFull() {
        return !writable || bytes >= maxBytes;
    }

    /** False after an append failed (disk full, read-only) until one succeeds again or {@link #probe()} does. */
    public boolean isWritable() {
        return writable;
    }

    /**
     * Durably appends a write; when this returns the entry survives a crash. The bound in bytes is
     * checked where messages are accepted ({@link #isFull()}), not here: the turns of a message already
     * accepted are always kept, so the file may pass its bound by what was in flight.
     */
    public synchronized void append(PendingWrite write) throws IOException {
        int length;
        try {
            length = file.write(ByteBuffer.wrap((write.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8)), end);
        } catch (IOException e) {
            writable = false;
            try {
                file.cut(end); // no partial line in front of the next append
            } catch (IOException ignored) {
                // the next append overwrites from end; a leftover tail is truncated at start
            }
            throw e;
        }
        end += length;
        count(write, +1);
        bytes = end - head;
        writable = true;
    }

    /** Tries the disk again after a failed append: a small file written, fsync'd and removed. */
    public boolean probe() {
        if (!file.probe()) {
            return false;
        }
        writable = true;
        return true;
    }

    /** The oldest entry, read from disk; null when there is none. */
    public synchronized PendingWrite peekFirst() throws IOException {
        while (headEntry == null && head < end) {
            byte[] line = file.readLine(head, end);
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                head += line.length + 1;
                continue;
            }
            try {
                headEntry = PendingWrite.fromJsonLine(text);
                headLength = line.length + 1;
            } catch (IOException | RuntimeException e) {
                // checked at start and written by this process: only a damaged disk gets here
                deadLetters.append(text, "unreadable journal line");
                head += line.length + 1;
                entries = Math.max(0, entries - 1);
            }
        }
        bytes = end - head;
        return headEntry;
    }

    /** The first entry reached DynamoDB (or was refused): it leaves the journal. */
    public synchronized void removeFirst() throws IOException {
        if (peekFirst() == null) {
            return;
        }
        count(headEntry, -1);
        head += headLength;
        headEntry = null;
        if (head >= end) {
            file.truncate(0);
            head = 0;
            end = 0;
        } else if (head >= COMPACT_AFTER_BYTES && head >= end - head) {
            compact();
        }
        bytes = end - head;
    }

    /**
     * DynamoDB rejects the first entry as it is and always will (a validation error): it moves to the
     * dead-letter file with the reason, and the entries behind it go on. The file is compacted at once,
     * so a restart does not set it aside twice.
     */
    public synchronized void deadLetterFirst(String reason) throws IOException {
        PendingWrite first = peekFirst();
        if (first == null) {
            return;
        }
        deadLetters.append(first.toJsonLine(), reason);
        removeFirst();
        if (head > 0) {
            compact();
        }
    }

    /** A write rejected before it was ever journaled goes straight to the dead-letter file. */
    public synchronized void deadLetter(PendingWrite write, String reason) throws IOException {
        deadLetters.append(write.toJsonLine(), reason);
    }

    /** Replaces the file by its unwritten part [head, end). */
    private void compact() throws IOException {
        end = file.rewrite(List.of(new long[] {head, end}));
        head = 0;
    }

    public Path file() {
        return file.path();
    }

    public Path deadLetterFile() {
        return deadLetters.path();
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
