package com.mangaassist.pipeline;

/** The cache branch's result: the raw stored entry for this question (JSON of intent and answer). */
public record CacheEntry(String raw) {
}
