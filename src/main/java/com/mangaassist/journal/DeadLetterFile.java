package com.mangaassist.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where writes that will never reach DynamoDB are kept for an operator: one JSON line each, with when
 * and why ({@code deadLetteredAt}, {@code reason}) and the entry itself (or its raw text when it is no
 * JSON), appended and fsync'd.
 */
final class DeadLetterFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    DeadLetterFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    void append(String line, String reason) throws IOException {
        ObjectNode record = JSON.createObjectNode().put("deadLetteredAt", Instant.now().toString()).put("reason", reason);
        try {
            record.set("entry", JSON.readTree(line));
        } catch (IOException e) {
            record.put("raw", line);
        }
        ByteBuffer buffer = ByteBuffer.wrap((record.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }
}
