package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.opensearch.OpensearchConstants;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HitsMetadata;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;
import com.mangaassist.intent.EntityExtractor;
import com.mangaassist.intent.Intent;
import com.mangaassist.intent.QueryEntities;
import com.mangaassist.memory.ConversationTurn;
import com.mangaassist.slo.burn.SheddingPolicy;

/**
 * Builds the RAG route's OpenSearch query and reads its hits into passages. Policy intents search
 * the policies index, product intents the products index, preorders both. A product question that
 * names no series but follows one that did ("how much is volume 2?") is searched with that series:
 * the request becomes a follow-up. The series and volume a question names are boosted.
 */
@Component("retrievalQueries")
public class RetrievalQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXT_FIELDS = List.of("title^2", "series^2", "description", "text");

    private final EmbeddingService embeddings;
    private final EntityExtractor entityExtractor;
    private final OpenSearchSettings openSearch;
    private final RetrievalSettings settings;
    private final SheddingPolicy shedding;

    public RetrievalQueries(EmbeddingService embeddings, EntityExtractor entityExtractor, OpenSearchSettings openSearch,
                            RetrievalSettings settings, SheddingPolicy shedding) {
        this.shedding = shedding;
        this.embeddings = embeddings;
        this.entityExtractor = entityExtractor;
        this.openSearch = openSearch;
        this.settings = settings;
    }

    /** Greetings and chit-chat need no store knowledge. */
    public boolean shouldRetrieve(ChatContext chat) {
        return chat.getIntent().intent() != Intent.GENERAL || chat.getEntities().namesSeries();
    }

    public void prepare(Exchange exchange) throws Exception {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        Intent intent = chat.getIntent().intent();
        QueryEntities entities = chat.getEntities();
        String text = chat.getRequest().text();
        if (!entities.namesSeries() && !intent.isPolicy()) {
            String earlier = seriesFromHistory(chat.getHistory());
            if (earlier != null) {
                entities = new QueryEntities(earlier, entities.volume());
                chat.setFollowUp(true);
                chat.setRetrievalText(earlier + " " + text);
            }
        }
        String query = searchable(chat.getRetrievalText()).replaceAll("(?i)\\bvolume\\s+(\\d+)", "vol $1");
        List<Map<String, Object>> boosts = new ArrayList<>();
        if (entities.namesSeries()) {
            boosts.add(Map.of("match_phrase", Map.of("series", Map.of("query", entities.series(), "boost", 8))));
        }
        if (entities.volume() != null) {
            boosts.add(Map.of("term", Map.of("volume", Map.of("value", entities.volume(), "boost", 10))));
        }
        if (intent == Intent.PREORDER) {
            boosts.add(Map.of("range", Map.of("releaseDate", Map.of("gt", "now", "boost", 3))));
        }
        exchange.getMessage().setBody(JSON.writeValueAsString(HybridQuery.of(query, embeddings.embed(query),
                settings.knnK(), settings.knnBoost(), TEXT_FIELDS, boosts)));
        exchange.getMessage().setHeader(OpensearchConstants.PARAM_INDEX_NAME, index(intent));
        exchange.getMessage().setHeader(OpensearchConstants.PARAM_SIZE,
                chat.degradation().isShed() ? shedding.ragPassages(settings.passages()) : settings.passages());
    }

    /** The question's first {@code max-query-chars} characters, cut at a space. */
    String searchable(String text) {
        if (text.length() <= settings.maxQueryChars()) {
            return text;
        }
        int cut = text.lastIndexOf(' ', settings.maxQueryChars());
        return text.substring(0, cut > settings.maxQueryChars() / 2 ? cut : settings.maxQueryChars());
    }

    private String index(Intent intent) {
        if (intent.isPolicy()) {
            return openSearch.policiesIndex();
        }
        if (intent == Intent.PREORDER || intent == Intent.GENERAL) {
            return openSearch.productsIndex() + "," + openSearch.policiesIndex();
        }
        return openSearch.productsIndex();
    }

    private String seriesFromHistory(List<ConversationTurn> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            String series = entityExtractor.extract(history.get(i).text()).series();
            if (series != null) {
                return series;
            }
        }
        return null;
    }

    public void readPassages(Exchange exchange) {
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        HitsMetadata<?> hits = exchange.getMessage().getBody(HitsMetadata.class);
        List<Passage> passages = new ArrayList<>();
        if (hits != null) {
            for (Hit<?> hit : hits.hits()) {
                JsonNode source = JSON.valueToTree(hit.source());
                passages.add(hit.index().equals(openSearch.policiesIndex()) ? policy(source) : product(source));
            }
        }
        chat.setPassages(passages);
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
