package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
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
 * Builds the RAG route's OpenSearch search and reads its hits into passages, over the indexes
 * SearchScope chooses.
 * The series and volume a question names (or, for a follow-up, its earlier turn named: FollowUps)
 * are boosted.
 */
@Component("retrievalQueries")
public class RetrievalQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    // what prepare decided, for readPassages on the same exchange
    private static final String PASSAGES = "mangaassist.rag.passages";
    private static final String ONE_PER_SERIES = "mangaassist.rag.onePerSeries";
    private static final String SEARCHES = "mangaassist.rag.searches";
    private static final List<String> TEXT_FIELDS = List.of("title^2", "series^2", "author", "description", "text");

    private static final Pattern VOLUME = Pattern.compile("(?i)\\bvolume\\s+(\\d+)");
    /** "anything like X", "similar to X", "more like it": the shopper wants what X is, not X. */
    private static final Pattern SIMILAR = Pattern.compile("(?i)\\b(similar|alike|close to|vein|vibes?|same spirit"
            + "|recs|recommendations|read after|after finishing)\\b"
            + "|\\b(something|anything|stuff|manga|series|more|others?|ones?|books?|titles?|recs?)\\s+(just\\s+)?like\\b"
            + "|\\blike\\s+(it|that|this|them)\\b");
    private static final Query NOT_TO_READ = Query.of(q -> q.terms(terms -> terms.field("format")
            .terms(values -> values.value(List.of(FieldValue.of("artbook"), FieldValue.of("blu-ray"))))));
    private static final Query FIRST_VOLUME = Query.of(q -> q.term(term -> term.field("volume").value(FieldValue.of(1))));
    private static final Query FIRST_VOLUME_OR_TO_WATCH = Query.of(q -> q.bool(either -> either.should(FIRST_VOLUME, NOT_TO_READ)));
    private static final Pattern WATCHING = Pattern.compile("(?i)\\b(anime|blu-?rays?|movies?|watch\\w*|shows?|art ?books?)\\b");
    private static final Pattern ASKS = Pattern.compile("(?i)\\?|\\b(want|need|looking|recommend\\w*|suggest\\w*|any|anything"
            + "|something|got|have|show|give|find|read|manga|books?|series|stuff)\\b");
    /** "i loved X, what next": having read X and asking for more. */
    private static final Pattern READ_IT = Pattern.compile("(?i)\\b(liked|loved|enjoyed|finished|binged|caught up|done with"
            + "|fan|favou?rite|fav|adores?|loves?|obsessed)\\b");
    private static final Pattern WANTS_MORE = Pattern.compile("(?i)\\b(next|else|more|another|others?|similar|recs?|recommend\\w*"
            + "|read now|pick up|what should|suggest\\w*)\\b");

    private final EmbeddingService embeddings;
    private final OpenSearchSettings openSearch;
    private final RetrievalSettings settings;
    private final SheddingPolicy shedding;
    private final Catalog catalog;
    private final MoodGenres moods;
    private final RankFusion fusion;
    private final SeriesVectors seriesVectors;

    public RetrievalQueries(EmbeddingService embeddings, OpenSearchSettings openSearch, RetrievalSettings settings,
                            SheddingPolicy shedding, Catalog catalog, MoodGenres moods, SeriesVectors seriesVectors) {
        this.shedding = shedding;
        this.catalog = catalog;
        this.moods = moods;
        this.embeddings = embeddings;
        this.openSearch = openSearch;
        this.settings = settings;
        this.seriesVectors = seriesVectors;
        this.fusion = new RankFusion(settings.fusion(), List.of(settings.lexicalWeight(), settings.vectorWeight()), settings.rrfK());
    }

    /** Chit-chat needs no store knowledge; a request with a mood ("i need a laugh") does, a remark ("lol, hilarious") not. */
    public boolean shouldRetrieve(PhaseOne phaseOne, Question question) {
        return phaseOne.intent().intent() != Intent.GENERAL || phaseOne.entities().namesSeries()
                || ASKS.matcher(question.text()).find() && !moods.genresFor(question.text()).isEmpty();
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
        List<Query> mustNot = new ArrayList<>();
        // "like X": the shopper has X, so other series, ranked by X's genres (a rarer genre weighs more:
        // a term query's idf), one passage per series
        boolean likeSeries = entities.namesSeries() && asksForSimilar(question.text());
        boolean watching = likeSeries && WATCHING.matcher(question.text()).find();
        if (likeSeries) {
            for (String genre : catalog.genresOf(entities.series())) {
                boosts.add(Query.of(q -> q.term(term -> term.field("genres").value(FieldValue.of(genre))
                        .boost((float) settings.likeGenreBoost()))));
            }
            // the same author's other series ("from the creator of X") count as one shared genre
            catalog.authorOf(entities.series()).ifPresent(author -> boosts.add(Query.of(q -> q.term(term -> term.field("author.raw")
                    .value(FieldValue.of(author)).boost((float) settings.likeGenreBoost())))));
            mustNot.add(Query.of(q -> q.term(term -> term.field("series.raw").value(FieldValue.of(entities.series())))));
            // something to read, unless the shopper speaks of watching: no art books, no Blu-rays
            if (!watching) {
                mustNot.add(NOT_TO_READ);
            }
            // a series to start: its first volume
            boosts.add(Query.of(q -> q.term(term -> term.field("volume").value(FieldValue.of(1)).boost((float) settings.likeGenreBoost()))));
        } else if (entities.namesSeries()) {
            boosts.add(Query.of(q -> q.matchPhrase(phrase -> phrase.field("series").query(entities.series()).boost(8f))));
        }
        // "for my 8 year old", "something cozy": the genres those words mean, one passage per series (not on
        // a policy's subject: "is the kids box set shipped free" is led by the policies, SearchScope)
        boolean onPolicySubject = SearchScope.speaksOfPolicy(text);
        Set<String> moodGenres = entities.namesSeries() || intent.isPolicy() || onPolicySubject ? Set.of()
                : moods.genresFor(question.text());
        for (String genre : moodGenres) {
            boosts.add(Query.of(q -> q.term(term -> term.field("genres").value(FieldValue.of(genre))
                    .boost((float) settings.likeGenreBoost()))));
        }
        boolean onePerSeries = likeSeries || !moodGenres.isEmpty();
        if (entities.volume() != null) {
            boosts.add(Query.of(q -> q.term(term -> term.field("volume").value(FieldValue.of(entities.volume())).boost(10f))));
            if (entities.namesSeries() && !likeSeries) {
                // the very item asked for ("isayama volume 1"): its series' other volumes can be nearer the
                // question's embedding (the k-NN clause weighs up to knn-boost), the named volume must still win
                boosts.add(namedItem(entities, "volume", FieldValue.of(entities.volume())));
            }
        }
        // "the one piece art book": that series' item of that format must win over its volumes (not over
        // the policy in "can i return a blu-ray")
        NamedFormat.in(question.text()).filter(format -> !likeSeries && !intent.isPolicy() && !onPolicySubject)
                .ifPresent(format -> boosts.add(namedItem(entities, "format", FieldValue.of(format))));
        if (intent == Intent.PREORDER) {
            boosts.add(Query.of(q -> q.range(range -> range.field("releaseDate").gt(JsonData.of("now")).boost(3f))));
        }
        int size = ChatExchange.degradation(exchange).isShed() ? shedding.ragPassages(settings.passages()) : settings.passages();
        exchange.setProperty(PASSAGES, size);
        exchange.setProperty(ONE_PER_SERIES, onePerSeries);
        String words = VOLUME.matcher(text).replaceAll("vol $1");
        float[] vector = embeddings.embed(text);
        List<Query> candidates = List.of();
        List<String> textFields = TEXT_FIELDS;
        if (likeSeries) {
            // "like X" is decided by what X is about, not by the question's words: the k-NN clause looks
            // for X's story (its synopsis' vector, with the question's for "but funnier", "sports") among
            // the other series' first volumes (and Blu-rays, art books when watching), so its k reach k
            // series instead of X's own volumes; BM25 over the question would only match X's name
            // (excluded) and fillers ("mind games" -> a game)
            float[] asked = vector;
            vector = seriesVectors.of(entities.series()).map(series -> SeriesVectors.mean(series, asked)).orElse(vector);
            candidates = List.of(watching ? FIRST_VOLUME_OR_TO_WATCH : FIRST_VOLUME);
            textFields = List.of();
        }
        List<Query> queries = HybridQuery.forFusion(fusion.method(), words, vector, settings.knnK(), settings.knnBoost(),
                textFields, boosts, mustNot, candidates);
        int perSearch = fusion.method() == RankFusion.Method.BOOSTED ? size : Math.max(size, settings.candidates());
        SearchScope scope = onePerSeries ? SearchScope.products(openSearch) : SearchScope.of(intent, entities, onPolicySubject, openSearch);
        exchange.setProperty(SEARCHES, scope.searches().size());
        exchange.getMessage().setBody(HybridQuery.multiSearch(scope.searches(),
                perSearch, onePerSeries ? "series.raw" : null, queries));
    }

    /** Items whose {@code field} is {@code value} (of the named series, if any), scored as the k-NN clause at most. */
    private Query namedItem(QueryEntities entities, String field, FieldValue value) {
        Query item = Query.of(t -> t.term(term -> term.field(field).value(value)));
        Query named = !entities.namesSeries() ? item : Query.of(f -> f.bool(both -> both.filter(item)
                .filter(Query.of(t -> t.term(term -> term.field("series.raw").value(FieldValue.of(entities.series())))))));
        return Query.of(q -> q.constantScore(score -> score.filter(named).boost((float) settings.knnBoost())));
    }

    /**
     * Whether a question naming a series asks for others like it ("anything like X", "loved X, what
     * next?") rather than for X itself; the classifier's intent alone mixes the two both ways
     * ("kaguya sama love is war 3" as a recommendation, "blue lock fan needs more" as availability).
     */
    static boolean asksForSimilar(String text) {
        return SIMILAR.matcher(text).find() || READ_IT.matcher(text).find() && WANTS_MORE.matcher(text).find();
    }

    /** The question's first {@code max-query-chars} characters, cut at a space. */
    String searchable(String text) {
        if (text.length() <= settings.maxQueryChars()) {
            return text;
        }
        int cut = text.lastIndexOf(' ', settings.maxQueryChars());
        return text.substring(0, cut > settings.maxQueryChars() / 2 ? cut : settings.maxQueryChars());
    }

    /**
     * The multi-search's rankings fused into the passages for the model, search by search (the
     * leading search gives at most {@code leading-policies}); a failed search counts as no hits.
     */
    public Retrieval readPassages(Exchange exchange) {
        List<?> responses = exchange.getMessage().getBody(List.class);
        List<List<Hit<?>>> rankings = new ArrayList<>();
        for (Object response : responses == null ? List.of() : responses) {
            rankings.add(response instanceof MultiSearchResponseItem<?> item && item.isResult()
                    ? new ArrayList<>(item.result().hits().hits()) : List.of());
        }
        boolean onePerSeries = Boolean.TRUE.equals(exchange.getProperty(ONE_PER_SERIES, Boolean.class));
        int size = exchange.getProperty(PASSAGES, settings.passages(), Integer.class);
        int searches = exchange.getProperty(SEARCHES, 1, Integer.class);
        int perSearch = rankings.size() / searches;
        List<Passage> passages = new ArrayList<>();
        for (int search = 0; search < searches; search++) {
            for (Hit<?> hit : fusion.fuse(rankings.subList(search * perSearch, (search + 1) * perSearch),
                    h -> h.score() == null ? 0 : h.score(), h -> h.index() + "/" + h.id(),
                    onePerSeries ? h -> JSON.valueToTree(h.source()).path("series").asText(h.id()) : null,
                    searches > 1 && search == 0 ? settings.leadingPolicies() : size)) {
                JsonNode source = JSON.valueToTree(hit.source());
                passages.add(hit.index().equals(openSearch.policiesIndex()) ? policy(source) : product(source));
            }
        }
        return new Retrieval(passages.subList(0, Math.min(passages.size(), size)));
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
