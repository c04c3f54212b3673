package com.mangaassist.local.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages in the AWS event-stream binary framing (application/vnd.amazon.eventstream)
 * that Bedrock's ConverseStream responses use:
 * total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4).
 * Each header: name length (1) | name | type 7 = string (1) | value length (2) | value.
 */
public final class EventStreamEncoder {

    private static final byte STRING_HEADER = 7;

    private EventStreamEncoder() {
    }

    /** An {@code event} message of the given type with a JSON payload. */
    public static byte[] event(String eventType, String jsonPayload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return message(headers, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code exception} message, how a stream reports an error after it has started. */
    public static byte[] exception(String exceptionType, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        String payload = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return message(headers, payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] message(Map<String, String> headers, byte[] payload) {
        byte[] headerBytes = encodeHeaders(headers);
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer buffer = ByteBuffer.allocate(total);
        buffer.putInt(total).putInt(headerBytes.length);
        buffer.putInt((int) crc(buffer.array(), 0, 8));
        buffer.put(headerBytes).put(payload);
        buffer.putInt((int) crc(buffer.array(), 0, total - 4));
        return buffer.array();
    }

    private static byte[] encodeHeaders(Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            out.write(n.length);
            out.writeBytes(n);
            out.write(STRING_HEADER);
            out.write((v.length >>> 8) & 0xff);
            out.write(v.length & 0xff);
            out.writeBytes(v);
        });
        return out.toByteArray();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
