package com.mangaassist.pipeline;

/** A classification: the intent, how sure, and which classifier decided (rules, embedding, keyword-fallback). */
public record IntentResult(Intent intent, double confidence, String source) {
}
