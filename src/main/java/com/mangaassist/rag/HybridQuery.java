package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.List;

import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;

/**
 * The OpenSearch search for hybrid retrieval: k-NN over the question's MiniLM vector plus BM25
 * over the text fields, in one bool/should. Cosine k-NN scores live in [0.5, 1] while BM25 scores
 * reach 5-40, so the k-NN clause is boosted ({@code mangaassist.rag.knn-boost}) to keep meaning,
 * not just shared words, in charge of the ranking.
 *
 * <p>Built as the client's typed request, which camel-opensearch sends as it is: a query written as
 * JSON text was parsed back into one (every vector component through a decimal string twice),
 * about a tenth of the service's CPU in the bench's profile.
 */
public final class HybridQuery {

    private HybridQuery() {
    }

    /** With extra should-clauses (e.g. boosts for the series or volume a question names). */
    public static SearchRequest.Builder request(List<String> indexes, int size, String question, float[] vector, int k,
                                                double knnBoost, List<String> textFields, List<Query> extraShould) {
        return request(indexes, size, question, vector, k, knnBoost, textFields, extraShould, List.of());
    }

    /** And clauses no hit may match (e.g. the series a "like X" question already has). */
    public static SearchRequest.Builder request(List<String> indexes, int size, String question, float[] vector, int k,
                                                double knnBoost, List<String> textFields, List<Query> extraShould,
                                                List<Query> mustNot) {
        List<Float> components = new ArrayList<>(vector.length);
        for (float component : vector) {
            components.add(component);
        }
        List<Query> should = new ArrayList<>(extraShould);
        should.add(Query.of(q -> q.knn(knn -> knn.field("embedding").vector(components).k(k).boost((float) knnBoost))));
        if (!textFields.isEmpty()) {
            // AUTO fuzziness: "frieran", "sailer moon", "preoder" still meet their words
            should.add(Query.of(q -> q.multiMatch(match -> match.query(question).fields(textFields).fuzziness("AUTO")
                    .prefixLength(1))));
        }
        return new SearchRequest.Builder().index(indexes).size(size).query(q -> q.bool(bool -> bool.should(should).mustNot(mustNot)));
    }
}
