package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MsearchRequest;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.msearch.RequestItem;

/**
 * The OpenSearch queries of hybrid retrieval, as the client's typed requests (camel-opensearch sends
 * them as they are: a query written as JSON text was parsed back into one, every vector component
 * through a decimal string twice, about a tenth of the service's CPU in the bench's profile).
 *
 * <p>Two ways to mix meaning and words (RankFusion, {@code mangaassist.rag.fusion}): a lexical query
 * and a k-NN query sent side by side in one multi-search and fused in the service; or the older single
 * bool/should whose k-NN clause is boosted ({@code knn-boost}) because cosine scores live in [0.5, 1]
 * while BM25 scores reach 5-40.
 */
public final class HybridQuery {

    private HybridQuery() {
    }

    /** BM25 over the text fields (none: the boosts alone) plus the entity boosts; hits match at least one. */
    public static Query lexical(String text, List<String> textFields, List<Query> boosts, List<Query> mustNot) {
        List<Query> should = new ArrayList<>(boosts);
        if (!textFields.isEmpty()) {
            should.add(textMatch(text, textFields));
        }
        return Query.of(q -> q.bool(bool -> bool.should(should).mustNot(mustNot)));
    }

    /**
     * The vector's k nearest items by meaning, among those no mustNot clause excludes and every
     * candidate filter admits (the filter is applied while searching, so the k are all candidates).
     */
    public static Query vector(float[] vector, int k, List<Query> mustNot, List<Query> candidates) {
        return knn(vector, k, 1, mustNot, candidates);
    }

    /**
     * One bool/should: the boosts, BM25 and the k-NN clause weighted by knnBoost. The k-NN clause
     * searches only the candidates, mustNot applied while searching too; with no candidates it searches
     * every item and mustNot applies to the bool only (an excluded neighbour takes one of the k).
     */
    public static Query boosted(String text, float[] vector, int k, double knnBoost, List<String> textFields,
                                List<Query> boosts, List<Query> mustNot, List<Query> candidates) {
        List<Query> should = new ArrayList<>(boosts);
        should.add(knn(vector, k, knnBoost, candidates.isEmpty() ? List.of() : mustNot, candidates));
        if (!textFields.isEmpty()) {
            should.add(textMatch(text, textFields));
        }
        return Query.of(q -> q.bool(bool -> bool.should(should).mustNot(mustNot)));
    }

    /** The searches a fusion method ranks: the boosted single query, or the lexical and the k-NN one. */
    public static List<Query> forFusion(RankFusion.Method method, String text, float[] vector, int k, double knnBoost,
                                        List<String> textFields, List<Query> boosts, List<Query> mustNot,
                                        List<Query> candidates) {
        return method == RankFusion.Method.BOOSTED
                ? List.of(boosted(text, vector, k, knnBoost, textFields, boosts, mustNot, candidates))
                : List.of(lexical(text, textFields, boosts, mustNot), vector(vector, k, mustNot, candidates));
    }

    /** A single search (the warm-up's). */
    public static SearchRequest.Builder request(List<String> indexes, int size, String text, float[] vector, int k,
                                                double knnBoost, List<String> textFields, List<Query> boosts) {
        return new SearchRequest.Builder().index(indexes).size(size)
                .query(boosted(text, vector, k, knnBoost, textFields, boosts, List.of(), List.of()));
    }

    private static Query knn(float[] vector, int k, double boost, List<Query> mustNot, List<Query> candidates) {
        List<Float> components = components(vector);
        return Query.of(q -> q.knn(knn -> {
            knn.field("embedding").vector(components).k(k).boost((float) boost);
            if (!mustNot.isEmpty() || !candidates.isEmpty()) {
                knn.filter(filter -> filter.bool(bool -> bool.mustNot(mustNot).filter(candidates)));
            }
            return knn;
        }));
    }

    /**
     * One multi-search with, for each group of indexes in order, a search per query, each returning
     * {@code size} hits, collapsed on {@code collapseField} (one hit per value) unless it is null.
     */
    public static MsearchRequest.Builder multiSearch(List<List<String>> indexGroups, int size, String collapseField, List<Query> queries) {
        List<RequestItem> searches = new ArrayList<>();
        for (List<String> indexes : indexGroups) {
            for (Query query : queries) {
                searches.add(RequestItem.of(item -> item.header(header -> header.index(indexes)).body(body -> {
                    body.size(size).query(query);
                    if (collapseField != null) {
                        body.collapse(collapse -> collapse.field(collapseField));
                    }
                    return body;
                })));
            }
        }
        return new MsearchRequest.Builder().searches(searches);
    }

    // fuzzy from 5 letters (one edit; two from 8): "frieran", "sailer moon", "preoder" still meet their
    // words, while a short stem stays itself ("looking" -> "look" must not match "lock")
    private static Query textMatch(String text, List<String> textFields) {
        return Query.of(q -> q.multiMatch(match -> match.query(text).fields(textFields).fuzziness("AUTO:5,8").prefixLength(1)));
    }

    private static List<Float> components(float[] vector) {
        List<Float> components = new ArrayList<>(vector.length);
        for (float component : vector) {
            components.add(component);
        }
        return components;
    }
}
