package com.mangaassist.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items to put into one DynamoDB table, as one journal line (JSON, attribute values in DynamoDB's
 * own {"S": ...} / {"N": ...} / {"BOOL": ...} / {"L": [...]} form).
 *
 * <p>With an {@code ownerItem}, the write is conditional and atomic: the owner item is put only if
 * the stored one does not exist or names the same owner in {@code ownerAttribute}, and the items go
 * in the same transaction, so they land only in something the writer owns, whenever the write runs.
 */
public record PendingWrite(String table, List<Map<String, AttributeValue>> items,
                           Map<String, AttributeValue> ownerItem, String ownerAttribute) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PendingWrite {
        items = List.copyOf(items);
        if ((ownerItem == null) != (ownerAttribute == null) || ownerItem != null && !ownerItem.containsKey(ownerAttribute)) {
            throw new IllegalArgumentException("an owner item needs its owner attribute");
        }
    }

    public PendingWrite(String table, List<Map<String, AttributeValue>> items) {
        this(table, items, null, null);
    }

    /** The attribute whose writes keep their order (a session's turns and audit records). */
    static final String ORDER_ATTRIBUTE = "sessionId";

    /**
     * Writes with the same key reach DynamoDB in the order they were accepted: the table and the
     * session the write is about (the owner item's, else the first item's), or the table alone when
     * the items name no session (every such write of that table keeps one order).
     */
    public String orderKey() {
        Map<String, AttributeValue> about = ownerItem != null ? ownerItem : items.isEmpty() ? Map.of() : items.get(0);
        AttributeValue session = about.get(ORDER_ATTRIBUTE);
        return session == null || session.s() == null ? table : table + "\u0000" + session.s();
    }

    public boolean isOwned() {
        return ownerItem != null;
    }

    /** The owner the write claims (the owner item's owner attribute), or null. */
    public String owner() {
        return ownerItem == null ? null : ownerItem.get(ownerAttribute).s();
    }

    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode().put("table", table);
        ArrayNode array = line.putArray("items");
        for (Map<String, AttributeValue> item : items) {
            array.add(encodeItem(item));
        }
        if (ownerItem != null) {
            line.set("ownerItem", encodeItem(ownerItem));
            line.put("ownerAttribute", ownerAttribute);
        }
        return line.toString();
    }

    private static ObjectNode encodeItem(Map<String, AttributeValue> item) {
        ObjectNode encoded = JSON.createObjectNode();
        item.forEach((name, value) -> encoded.set(name, encode(value)));
        return encoded;
    }

    private static Map<String, AttributeValue> decodeItem(JsonNode encoded) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        encoded.fields().forEachRemaining(field -> item.put(field.getKey(), decode(field.getValue())));
        return item;
    }

    /** Parses a line written by {@link #toJsonLine()}; throws on anything else (a torn write). */
    public static PendingWrite fromJsonLine(String line) throws java.io.IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.path("table").isTextual() || !node.path("items").isArray()) {
            throw new java.io.IOException("not a journal entry");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JsonNode encoded : node.path("items")) {
            items.add(decodeItem(encoded));
        }
        if (node.has("ownerItem")) {
            return new PendingWrite(node.path("table").asText(), items, decodeItem(node.get("ownerItem")),
                    node.path("ownerAttribute").asText());
        }
        return new PendingWrite(node.path("table").asText(), items);
    }

    private static JsonNode encode(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.s() != null) {
            node.put("S", value.s());
        } else if (value.n() != null) {
            node.put("N", value.n());
        } else if (value.bool() != null) {
            node.put("BOOL", value.bool());
        } else if (value.hasL()) {
            ArrayNode list = node.putArray("L");
            value.l().forEach(element -> list.add(encode(element)));
        } else {
            throw new IllegalArgumentException("journal supports S, N, BOOL and L attributes only: " + value);
        }
        return node;
    }

    private static AttributeValue decode(JsonNode node) {
        if (node.has("S")) {
            return AttributeValue.fromS(node.get("S").asText());
        }
        if (node.has("N")) {
            return AttributeValue.fromN(node.get("N").asText());
        }
        if (node.has("BOOL")) {
            return AttributeValue.fromBool(node.get("BOOL").asBoolean());
        }
        if (node.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            node.get("L").forEach(element -> list.add(decode(element)));
            return AttributeValue.fromL(list);
        }
        throw new IllegalArgumentException("unknown attribute value " + node);
    }
}
