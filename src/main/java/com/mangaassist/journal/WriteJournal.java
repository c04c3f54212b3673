package com.mangaassist.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of writes DynamoDB did not take, one JSON line each, fsync'd before
 * {@link #append} returns. Entries leave in order once written ({@link #removeFirst}); the file
 * is truncated when all are out and compacted when mostly written. Bounded: {@link #isFull()}.
 * A replay that a crash interrupts is repeated from the first unremoved entry: the writes are
 * idempotent puts, so each item still ends up in its table exactly once.
 */
public final class WriteJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteJournal.class);
    private static final int COMPACT_AFTER = 10_000;

    private final Path file;
    private final int maxEntries;
    private final Deque<PendingWrite> pending = new ArrayDeque<>();
    private volatile int entries; // pending.size(), readable without the lock
    private FileChannel channel;
    private int writtenInFile;

    public WriteJournal(Path directory, int maxEntries) throws IOException {
        this.maxEntries = maxEntries;
        Files.createDirectories(directory);
        this.file = directory.resolve("dynamodb-writes.journal");
        load();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (!pending.isEmpty()) {
            LOG.warn("Write journal {} holds {} writes from before; they are replayed to DynamoDB", file, pending.size());
        }
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        String complete = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
        for (String line : complete.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                pending.addLast(PendingWrite.fromJsonLine(line)); entries = pending.size();
            } catch (IOException | RuntimeException e) {
                LOG.error("Write journal {}: skipping an unreadable entry ({})", file, e.getMessage());
            }
        }
        if (lastNewline + 1 < bytes.length) {
            // a write torn by a crash was never acknowledged to anyone: drop its partial bytes
            LOG.warn("Write journal {}: dropping {} bytes of a torn last entry", file, bytes.length - lastNewline - 1);
        }
        rewrite(List.copyOf(pending));
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    public int size() {
        return entries;
    }

    /** Lock-free (the ingress asks on the event loop, and an append holds the lock through its fsync). */
    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** Durably appends a write; when this returns the entry survives a crash. */
    public synchronized void append(PendingWrite write) throws IOException {
        if (pending.size() >= maxEntries) {
            throw new IOException("write journal " + file + " is full (" + maxEntries + " entries)");
        }
        ByteBuffer line = ByteBuffer.wrap((write.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
        pending.addLast(write);
        entries = pending.size();
    }

    public synchronized PendingWrite peekFirst() {
        return pending.peekFirst();
    }

    /** The first entry reached DynamoDB: it leaves the journal. */
    public synchronized void removeFirst() throws IOException {
        pending.pollFirst();
        entries = pending.size();
        writtenInFile++;
        if (pending.isEmpty()) {
            channel.truncate(0);
            channel.force(true);
            writtenInFile = 0;
        } else if (writtenInFile >= COMPACT_AFTER) {
            rewrite(List.copyOf(pending));
        }
    }

    /** Replaces the file by exactly these entries (written to a temporary file, fsync'd, then moved). */
    private void rewrite(List<PendingWrite> entries) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (PendingWrite entry : entries) {
                ByteBuffer line = ByteBuffer.wrap((entry.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    out.write(line);
                }
            }
            out.force(true);
        }
        if (channel != null) {
            channel.close();
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (channel != null) {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        writtenInFile = 0;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
