package com.mangaassist.pipeline;

/**
 * Phase 1 joined: the intent (the keyword fallback's when the branch failed or was late), the
 * session's history ({@link SessionHistory#EMPTY} without one) and the cache entry, if any.
 */
public record PhaseOne(IntentResult intent, QueryEntities entities, SessionHistory history, CacheEntry cacheEntry) {
}
