package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.LocalProfileTest;

/**
 * camel-opensearch against the in-process node: the hybrid search (k-NN over MiniLM vectors and
 * BM25, fused) finds the right document for questions that share few words with it.
 */
@LocalProfileTest
class OpenSearchHybridSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRODUCT_FIELDS = List.of("title^2", "series^2", "description");
    private static final List<String> POLICY_FIELDS = List.of("title^2", "text");

    @Autowired
    ProducerTemplate camel;

    @Autowired
    EmbeddingService embeddings;

    @Autowired
    OpenSearchSettings settings;

    @Autowired
    RetrievalSettings retrieval;

    private List<JsonNode> search(String index, String question, List<String> textFields) throws Exception {
        // the typed multi-search and the fusion the rag route uses (HybridQuery, RankFusion)
        float[] vector = embeddings.embed(question);
        var search = HybridQuery.multiSearch(List.of(List.of(index)), retrieval.candidates(), null, HybridQuery.forFusion(retrieval.fusion(),
                question, vector, retrieval.knnK(), retrieval.knnBoost(), textFields, List.of(), List.of(), List.of()));
        List<?> responses = camel.requestBody("opensearch://{{mangaassist.opensearch.cluster-name}}?operation=MultiSearch&hostAddresses={{mangaassist.opensearch.hosts}}",
                search, List.class);
        List<List<Hit<?>>> rankings = responses.stream()
                .map(item -> (List<Hit<?>>) new ArrayList<Hit<?>>(((MultiSearchResponseItem<?>) item).result().hits().hits())).toList();
        RankFusion fusion = new RankFusion(retrieval.fusion(), List.of(retrieval.lexicalWeight(), retrieval.vectorWeight()), retrieval.rrfK());
        return fusion.fuse(rankings, hit -> hit.score(), hit -> hit.id(), null, 5).stream()
                .map(Hit::source).map(source -> (JsonNode) JSON.valueToTree(source)).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "comic about a kid with an elastic body who sails the ocean hunting for a legendary fortune | One Piece",
        "story where a teenager swallows a cursed relic and battles evil spirits at a sorcery school | Jujutsu Kaisen",
        "children at an orphanage discover they are being raised to be eaten and plan to run away | The Promised Neverland",
        "retired assassin who now owns a small shop but keeps getting attacked | Sakamoto Days",
        "something with giant monsters eating people behind walls | Attack on Titan",
        "a cozy fantasy about an elf wizard after the adventure is over | Frieren: Beyond Journey's End",
        "manga about volleyball | Haikyu!!",
        "looking for a basketball manga | Slam Dunk",
    })
    void paraphrasedQuestionFindsTheSeries(String question, String series) throws Exception {
        List<JsonNode> hits = search(settings.productsIndex(), question, PRODUCT_FIELDS);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).path("series").asText()).isEqualTo(series);
        assertThat(hits.get(0).path("price").asDouble()).isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "my box set came with a crushed corner, what now? | damaged-items",
        "when will I be charged for something that isn't out yet? | preorders",
        "where is my package? | order-tracking",
        "can I pay with apple pay? | payment",
        "do gift cards expire? | gift-cards",
        "can I read on my phone without internet? | digital-editions",
    })
    void paraphrasedPolicyQuestionFindsThePolicy(String question, String policyId) throws Exception {
        List<JsonNode> hits = search(settings.policiesIndex(), question, POLICY_FIELDS);
        assertThat(hits.get(0).path("id").asText()).isEqualTo(policyId);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "do you have demon slayer volume 3? | Demon Slayer: Kimetsu no Yaiba, Vol. 3",
    })
    void exactTitlesStillWinThroughTheTextClause(String question, String title) throws Exception {
        assertThat(search(settings.productsIndex(), question, PRODUCT_FIELDS).get(0).path("title").asText())
                .isEqualTo(title);
    }
}
