package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HitsMetadata;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.Passage;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.pipeline.Question;
import com.mangaassist.pipeline.Retrieval;
import com.mangaassist.slo.burn.SheddingPolicy;

/**
 * Builds the RAG route's OpenSearch search and reads its hits into passages. Policy intents search
 * the policies index, product intents the products index, preorders and general questions both.
 * The series and volume a question names (or, for a follow-up, its earlier turn named: FollowUps)
 * are boosted.
 */
@Component("retrievalQueries")
public class RetrievalQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXT_FIELDS = List.of("title^2", "series^2", "description", "text");

    private static final Pattern VOLUME = Pattern.compile("(?i)\\bvolume\\s+(\\d+)");

    private final EmbeddingService embeddings;
    private final OpenSearchSettings openSearch;
    private final RetrievalSettings settings;
    private final SheddingPolicy shedding;

    public RetrievalQueries(EmbeddingService embeddings, OpenSearchSettings openSearch, RetrievalSettings settings,
                            SheddingPolicy shedding) {
        this.shedding = shedding;
        this.embeddings = embeddings;
        this.openSearch = openSearch;
        this.settings = settings;
    }

    /** Greetings and chit-chat need no store knowledge. */
    public boolean shouldRetrieve(PhaseOne phaseOne) {
        return phaseOne.intent().intent() != Intent.GENERAL || phaseOne.entities().namesSeries();
    }

    /**
     * The search for the rag route's OpenSearch call. The vector is the embedding of the question's
     * own text, which the intent step embedded already (EmbeddingService keeps recent ones), so a
     * question is embedded once; BM25 also gets "vol N" for "volume N", as titles spell it.
     */
    public void prepare(Exchange exchange) {
        Intent intent = ChatExchange.phaseOne(exchange).intent().intent();
        Question question = ChatExchange.question(exchange);
        QueryEntities entities = question.entities();
        String text = searchable(question.text());
        List<Query> boosts = new ArrayList<>();
        if (entities.namesSeries()) {
            boosts.add(Query.of(q -> q.matchPhrase(phrase -> phrase.field("series").query(entities.series()).boost(8f))));
        }
        if (entities.volume() != null) {
            boosts.add(Query.of(q -> q.term(term -> term.field("volume").value(FieldValue.of(entities.volume())).boost(10f))));
        }
        if (intent == Intent.PREORDER) {
            boosts.add(Query.of(q -> q.range(range -> range.field("releaseDate").gt(JsonData.of("now")).boost(3f))));
        }
        int size = ChatExchange.degradation(exchange).isShed() ? shedding.ragPassages(settings.passages()) : settings.passages();
        exchange.getMessage().setBody(HybridQuery.request(indexes(intent), size, VOLUME.matcher(text).replaceAll("vol $1"),
                embeddings.embed(text), settings.knnK(), settings.knnBoost(), TEXT_FIELDS, boosts));
    }

    /** The question's first {@code max-query-chars} characters, cut at a space. */
    String searchable(String text) {
        if (text.length() <= settings.maxQueryChars()) {
            return text;
        }
        int cut = text.lastIndexOf(' ', settings.maxQueryChars());
        return text.substring(0, cut > settings.maxQueryChars() / 2 ? cut : settings.maxQueryChars());
    }

    private List<String> indexes(Intent intent) {
        if (intent.isPolicy()) {
            return List.of(openSearch.policiesIndex());
        }
        if (intent == Intent.PREORDER || intent == Intent.GENERAL) {
            return List.of(openSearch.productsIndex(), openSearch.policiesIndex());
        }
        return List.of(openSearch.productsIndex());
    }

    public Retrieval readPassages(Exchange exchange) {
        HitsMetadata<?> hits = exchange.getMessage().getBody(HitsMetadata.class);
        List<Passage> passages = new ArrayList<>();
        if (hits != null) {
            for (Hit<?> hit : hits.hits()) {
                JsonNode source = JSON.valueToTree(hit.source());
                passages.add(hit.index().equals(openSearch.policiesIndex()) ? policy(source) : product(source));
            }
        }
        return new Retrieval(passages);
    }

    private static Passage product(JsonNode source) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : List.of("title", "series", "author", "format", "price", "stock", "releaseDate")) {
            if (source.hasNonNull(field)) {
                fields.put(field, source.get(field).asText());
            }
        }
        String description = source.path("description").asText("");
        fields.put("description", description.length() > 240 ? description.substring(0, 240) + "..." : description);
        return new Passage("product", source.path("sku").asText(), fields);
    }

    private static Passage policy(JsonNode source) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", source.path("title").asText());
        fields.put("text", source.path("text").asText());
        return new Passage("policy", source.path("id").asText(), fields);
    }
}
