package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenSearch query DSL for hybrid retrieval: k-NN over the question's MiniLM vector plus
 * BM25 over the text fields, in one bool/should. Cosine k-NN scores live in [0.5, 1] while BM25
 * scores reach 5-40, so the k-NN clause is boosted ({@code mangaassist.rag.knn-boost}) to keep
 * meaning, not just shared words, in charge of the ranking.
 */
public final class HybridQuery {

    private HybridQuery() {
    }

    public static Map<String, Object> of(String question, float[] vector, int k, double knnBoost, List<String> textFields) {
        return of(question, vector, k, knnBoost, textFields, List.of());
    }

    /** With extra should-clauses (e.g. boosts for the series or volume a question names). */
    public static Map<String, Object> of(String question, float[] vector, int k, double knnBoost, List<String> textFields,
                                         List<Map<String, Object>> extraShould) {
        List<Object> should = new ArrayList<>(extraShould);
        should.add(Map.of("knn", Map.of("embedding", Map.of("vector", vector, "k", k, "boost", knnBoost))));
        if (!textFields.isEmpty()) {
            should.add(Map.of("multi_match", Map.of("query", question, "fields", textFields)));
        }
        return Map.of("query", Map.of("bool", Map.of("should", should)));
    }
}
