package com.mangaassist.intent;

import org.springframework.stereotype.Component;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.IntentResult;

/**
 * Rules first (precise, &lt; 1 ms); the embedding classifier for everything the rules do not
 * recognise. {@link #keywordFallback} is the degraded path when the classifier is unavailable.
 */
@Component("intentClassifier")
public class IntentClassifier {

    private final EmbeddingIntentClassifier embedding;

    public IntentClassifier(EmbeddingIntentClassifier embedding) {
        this.embedding = embedding;
    }

    public IntentResult classify(String text) {
        return KeywordRules.match(text)
                .map(intent -> new IntentResult(intent, 0.9, "rules"))
                .orElseGet(() -> embedding.classify(text));
    }

    public static IntentResult keywordFallback(String text) {
        return new IntentResult(KeywordRules.match(text).orElse(Intent.GENERAL), 0.5, "keyword-fallback");
    }
}
