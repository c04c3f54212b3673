package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hybrid retrieval tuning: k-NN candidates, the k-NN boost against BM25, passages sent to the model,
 * and how much of a question is searched ({@code max-query-chars}: a 4,000-character question as BM25
 * terms over four fields would pass OpenSearch's 1,024-clause limit and fail the search, and MiniLM
 * reads only its first 256 tokens anyway).
 *
 * @param knnK k-NN candidates per query (a series has up to 13 volumes: k must reach past one series)
 * @param knnBoost the k-NN clause's weight against BM25
 * @param passages passages sent to the model
 * @param maxQueryChars how much of a question is searched, in characters
 * @param likeGenreBoost for "something like X": the weight of each of X's genres an item shares
 */
@ConfigurationProperties(prefix = "mangaassist.rag")
public record RetrievalSettings(int knnK, double knnBoost, int passages, int maxQueryChars, double likeGenreBoost) {

}
