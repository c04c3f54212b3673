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
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WriteJournal}'s bytes on disk: lines written at an offset and fsync'd, read back by
 * offset, and the file rewritten to some of its byte ranges by a copy that atomically replaces it.
 * Not thread-safe: the journal's lock guards it.
 */
final class JournalFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteJournal.class);

    /** A whole line found by {@link #scan}: its bytes [start, end) including the newline, and its text. */
    interface LineVisitor {
        void line(long start, long end, String text) throws IOException;
    }

    private final Path file;
    private FileChannel channel;

    JournalFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    Path path() {
        return file;
    }

    /**
     * Reads the file as a stream, line by line; bytes after the last newline (an append a crash tore,
     * never acknowledged) are cut off, so the next append starts a line of its own. Returns the offset
     * after the last whole line.
     */
    long scan(LineVisitor visitor) throws IOException {
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
                visitor.line(start, offset, line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
        if (offset > wholeLinesEnd) {
            LOG.warn("Write journal {}: truncating {} bytes of a torn last entry", file, offset - wholeLinesEnd);
            truncate(wholeLinesEnd);
        }
        return wholeLinesEnd;
    }

    /** Writes the bytes at {@code at} and fsyncs them; returns how many were written. */
    int write(ByteBuffer bytes, long at) throws IOException {
        int length = bytes.remaining();
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
        return length;
    }

    /** Cuts the file to {@code size} and fsyncs that. */
    void truncate(long size) throws IOException {
        cut(size);
        channel.force(true);
    }

    /** Cuts the file to {@code size} without an fsync (after a failed append: the disk may hang on one). */
    void cut(long size) throws IOException {
        channel.truncate(size);
    }

    /** The line starting at offset, without its newline, which comes before {@code end}. */
    byte[] readLine(long offset, long end) throws IOException {
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

    /**
     * Replaces the file by the byte ranges {@code keep} ({from, to} pairs, in order): copied to a
     * temporary file, fsync'd, then moved over it. Returns the new size.
     */
    long rewrite(List<long[]> keep) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        long size;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long[] range : keep) {
                for (long position = range[0]; position < range[1]; ) {
                    position += channel.transferTo(position, range[1] - position, out);
                }
            }
            out.force(true);
            size = out.size();
        }
        channel.close();
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true); // the rename itself survives a crash
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the rename is still atomic
        }
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return size;
    }

    /** Whether the disk takes writes again: a small file beside the journal written, fsync'd and removed. */
    boolean probe() {
        Path probe = file.resolveSibling(file.getFileName() + ".probe");
        try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(new byte[4096]));
            out.force(true);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover probe file is harmless
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
