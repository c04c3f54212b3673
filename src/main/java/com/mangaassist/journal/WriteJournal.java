package com.mangaassist.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compaction copies the unwritten rest; doing it only once the written part is at least as large keeps it linear. */
    private static final long COMPACT_AFTER_BYTES = 1 << 20;

    private final Path file;
    private final Path deadLetters;
    private final long maxBytes;
    /** Entries per {@link PendingWrite#orderKey()}: read lock-free by the writer deciding direct or behind. */
    private final Map<String, Integer> pendingByKey = new ConcurrentHashMap<>();
    private FileChannel channel;
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
        this.file = directory.resolve("dynamodb-writes.journal");
        this.deadLetters = directory.resolve("dynamodb-writes.deadletter");
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        load();
        if (entries > 0) {
            LOG.warn("Write journal {} holds {} writes ({} bytes) from before; they are replayed to DynamoDB",
                    file, entries, bytes);
        }
    }

    /** One pass over the file as a stream: counts entries per key, truncates a torn tail, sets bad lines aside. */
    private void load() throws IOException {
        List<long[]> unreadable = new ArrayList<>();
        long offset = 0;
        long wholeLinesEnd = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                long start = wholeLinesEnd;
                wholeLinesEnd = offset;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.isBlank()) {
                    continue;
                }
                try {
                    count(PendingWrite.fromJsonLine(text), +1);
                } catch (IOException | RuntimeException e) {
                    unreadable.add(new long[] {start, offset});
                }
            }
        }
        if (offset > wholeLinesEnd) {
            // a write torn by a crash was never acknowledged to anyone: cut it off so the next append
            // starts a line of its own instead of merging into it
            LOG.warn("Write journal {}: truncating {} bytes of a torn last entry", file, offset - wholeLinesEnd);
            channel.truncate(wholeLinesEnd);
            channel.force(true);
        }
        end = wholeLinesEnd;
        if (!unreadable.isEmpty()) {
            setAside(unreadable);
        }
        bytes = end - head;
    }

    /** Copies the file without its unreadable lines (each to the dead-letter file), then replaces it. */
    private void setAside(List<long[]> unreadable) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long from = 0;
            for (long[] bad : unreadable) {
                copy(from, bad[0], out);
                String raw = new String(read(bad[0], (int) (bad[1] - bad[0] - 1)), StandardCharsets.UTF_8);
                deadLetter(raw, "unreadable journal line");
                LOG.error("Write journal {}: an unreadable entry at byte {} moved to {}", file, bad[0], deadLetters);
                from = bad[1];
            }
            copy(from, end, out);
            out.force(true);
            end = out.size();
        }
        replaceBy(temporary);
        deadLetteredAtStart = unreadable.size();
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
        ByteBuffer line = ByteBuffer.wrap((write.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
        int length = line.remaining();
        try {
            long at = end;
            while (line.hasRemaining()) {
                at += channel.write(line, at);
            }
            channel.force(false);
        } catch (IOException e) {
            writable = false;
            try {
                channel.truncate(end); // no partial line in front of the next append
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
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(new byte[4096]));
            out.force(true);
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe file is harmless
            }
        }
        writable = true;
        return true;
    }

    /** The oldest entry, read from disk; null when there is none. */
    public synchronized PendingWrite peekFirst() throws IOException {
        while (headEntry == null && head < end) {
            byte[] line = readLine(head);
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
                deadLetter(text, "unreadable journal line");
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
            channel.truncate(0);
            channel.force(true);
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
        deadLetter(first.toJsonLine(), reason);
        removeFirst();
        if (head > 0) {
            compact();
        }
    }

    /** A write rejected before it was ever journaled goes straight to the dead-letter file. */
    public synchronized void deadLetter(PendingWrite write, String reason) throws IOException {
        deadLetter(write.toJsonLine(), reason);
    }

    private void deadLetter(String line, String reason) throws IOException {
        ObjectNode record = JSON.createObjectNode().put("deadLetteredAt", Instant.now().toString()).put("reason", reason);
        try {
            record.set("entry", JSON.readTree(line));
        } catch (IOException e) {
            record.put("raw", line);
        }
        byte[] encoded = (record.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(deadLetters, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(encoded);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    /** Replaces the file by its unwritten part [head, end) (copied to a temporary file, fsync'd, then moved). */
    private void compact() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(head, end, out);
            out.force(true);
        }
        end -= head;
        head = 0;
        replaceBy(temporary);
    }

    private void replaceBy(Path temporary) throws IOException {
        channel.close();
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true); // the rename itself survives a crash
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the rename is still atomic
        }
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void copy(long from, long to, FileChannel out) throws IOException {
        long position = from;
        while (position < to) {
            position += channel.transferTo(position, to - position, out);
        }
    }

    private byte[] read(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("write journal " + file + " ends inside an entry at byte " + offset);
            }
        }
        return buffer.array();
    }

    /** The line starting at offset, without its newline (entries are whole lines up to end). */
    private byte[] readLine(long offset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long position = offset;
        while (position < end) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - position));
            int read = channel.read(chunk, position);
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) == '\n') {
                    line.write(chunk.array(), 0, i);
                    return line.toByteArray();
                }
            }
            line.write(chunk.array(), 0, read);
            position += read;
        }
        throw new IOException("write journal " + file + ": no whole entry at byte " + offset);
    }

    public Path file() {
        return file;
    }

    public Path deadLetterFile() {
        return deadLetters;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
