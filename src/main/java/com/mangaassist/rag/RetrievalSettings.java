package com.mangaassist.rag;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Hybrid retrieval tuning (docs/retrieval.md): how the lexical and k-NN rankings are fused, how many
 * candidates each returns, passages sent to the model, and how much of a question is searched
 * ({@code max-query-chars}: a 4,000-character question as BM25 terms over several fields would pass
 * OpenSearch's 1,024-clause limit and fail the search, and MiniLM reads only its first 256 tokens anyway).
 *
 * @param knnK k-NN neighbours considered per query (a series has up to 13 volumes: k must reach past one series)
 * @param knnBoost with fusion=boosted only: the k-NN clause's weight against BM25
 * @param passages passages sent to the model
 * @param maxQueryChars how much of a question is searched, in characters
 * @param likeGenreBoost for "something like X": the weight of each of X's genres an item shares
 * @param fusion how the lexical and k-NN rankings become one: rrf, normalized (min-max scores, weighted sum) or boosted (one bool query)
 * @param candidates hits each of the two searches returns for fusion
 * @param rrfK with fusion=rrf: the rank offset k in weight / (k + rank)
 * @param lexicalWeight the lexical ranking's weight in the fusion (BM25 and the entity boosts)
 * @param vectorWeight the k-NN ranking's weight in the fusion
 * @param leadingPolicies for a product question on a policy's subject naming no series: how many policies lead the products
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.rag")
public record RetrievalSettings(@Min(1) int knnK, double knnBoost, @Min(1) int passages, @Min(1) int maxQueryChars,
                                double likeGenreBoost, @NotNull RankFusion.Method fusion, @Min(1) int candidates,
                                @Min(0) int rrfK, double lexicalWeight, double vectorWeight,
                                @Min(1) int leadingPolicies) {

}
