package com.mangaassist.pipeline;

import java.util.Map;

/** One retrieved knowledge passage: "product" or "policy", its id, and its fields in display order. */
public record Passage(String kind, String id, Map<String, String> fields) {
}
