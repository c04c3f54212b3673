package com.mangaassist.ingress;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import org.springframework.data.redis.core.StringRedisTemplate;

import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.cache.AnswerCache;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The whole pipeline over a real WebSocket, against the local profile's real backends. */
@LocalProfileTest
class ChatPipelineTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings ddb;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    AnswerCache answerCache;

    ChatClient client;

    @BeforeEach
    void connect() throws Exception {
        client = new ChatClient(wsPort);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static String session() {
        return "s-" + UUID.randomUUID();
    }

    @Test
    void aQuestionStreamsTokensBeforeDone() throws Exception {
        ChatClient.Answer answer = client.ask(session(), "do you have jujutsu kaisen volume 3?");

        assertThat(answer.last().path("type").asText()).isEqualTo("done");
        assertThat(answer.tokens()).hasSizeGreaterThanOrEqualTo(5);
        long firstToLastMs = (answer.tokens().get(answer.tokens().size() - 1).arrivedNanos()
                - answer.tokens().get(0).arrivedNanos()) / 1_000_000;
        // the stand-in generates at a fixed rate: tokens arrive spread over that time, not in one burst
        long generationMs = Math.round((answer.tokens().size() - 1) * 1000 / standIn.tokensPerSecond());
        assertThat(firstToLastMs).isGreaterThanOrEqualTo(generationMs - 50);
        assertThat(answer.text()).contains("Jujutsu Kaisen, Vol. 3");

        var done = answer.last();
        assertThat(done.path("intent").asText()).isEqualTo("product_search");
        assertThat(done.path("degradation").asText()).isEqualTo("full");
        assertThat(done.path("cached").asBoolean()).isFalse();
        assertThat(done.path("traceId").asText()).matches("[0-9a-f]{32}");
        // the passages the model was given, in rank order: the asked-for volume first
        assertThat(done.path("sources").size()).isPositive();
        assertThat(done.path("sources").get(0).path("kind").asText()).isEqualTo("product");
        assertThat(done.path("sources").get(0).path("title").asText()).isEqualTo("Jujutsu Kaisen, Vol. 3");
        assertThat(done.path("sources").get(0).path("id").asText()).startsWith("MNG-");
        assertThat(done.path("timings").fieldNames()).toIterable()
                .contains("intent", "memory", "cache", "rag", "context-assembly", "llm", "llm-first-token", "edge",
                        "e2e_first_token", "e2e_total");
    }

    /**
     * The named volume of the named series comes first even when other volumes of it are nearer the
     * question's embedding ("isayama volume 1" ranked Vol. 10 first: its k-NN score outweighed the
     * volume's boost).
     */
    @Test
    void theNamedVolumeIsTheFirstSource() throws Exception {
        for (String question : new String[] {"isayama volume 1", "attack on titan vol 1 please"}) {
            var done = client.ask(session(), question).last();
            assertThat(done.path("sources").get(0).path("title").asText()).as(question).isEqualTo("Attack on Titan, Vol. 1");
        }
    }

    /**
     * "Like X" is answered by the series nearest X's story, each by its first volume: searched with the
     * question's own vector over all items, X's volumes took the k-NN clause's places and Spy x Family
     * and Solo Leveling came first.
     */
    @Test
    void aLikeXQuestionOffersTheFirstVolumesOfSeriesNearX() throws Exception {
        var done = client.ask(session(), "hunter x hunter is the best, anything like it").last();

        assertThat(done.path("sources")).hasSizeGreaterThanOrEqualTo(3);
        for (int rank = 0; rank < 3; rank++) {
            assertThat(done.path("sources").get(rank).path("title").asText()).as("rank " + (rank + 1))
                    .isIn("One Piece, Vol. 1", "Naruto, Vol. 1", "Fullmetal Alchemist, Vol. 1", "Dragon Ball, Vol. 1");
        }
    }

    /** A request with a mood ("a laugh") needs the catalog even when the classifier hears chit-chat; a remark does not. */
    @Test
    void aMoodQuestionTheClassifierCallsGeneralStillGetsTheCatalog() throws Exception {
        var done = client.ask(session(), "honestly i just want a good laugh tonight").last();

        assertThat(done.path("intent").asText()).isEqualTo("general");
        assertThat(done.path("sources").findValuesAsText("kind")).isNotEmpty().containsOnly("product");

        var remark = client.ask(session(), "lol that was hilarious").last();
        assertThat(remark.path("intent").asText()).isEqualTo("general");
        assertThat(remark.path("sources")).isEmpty();
    }

    /** "Like X" also offers X's author's other series ("from the creator of X"). */
    @Test
    void aLikeXQuestionOffersTheSameAuthorsOtherSeries() throws Exception {
        var done = client.ask(session(), "more manga like slam dunk please").last();

        List<String> titles = done.path("sources").findValuesAsText("title");
        assertThat(titles).hasSizeGreaterThanOrEqualTo(3).noneMatch(title -> title.startsWith("Slam Dunk"));
        assertThat(titles.subList(0, 3)).anyMatch(title -> title.startsWith("Vagabond"));
    }

    /** ...unless the shopper speaks of watching: then a Blu-ray of another series may be what they want. */
    @Test
    void aLikeXQuestionAboutWatchingCanOfferBluRays() throws Exception {
        var done = client.ask(session(), "anything like attack on titan that i could watch?").last();

        assertThat(done.path("sources").findValuesAsText("title")).anyMatch(title -> title.contains("Blu-ray"))
                .noneMatch(title -> title.startsWith("Attack on Titan"));
    }

    /** A named format wins over the series' volumes, though the titles spell it otherwise ("Compendium", "Guidebook"). */
    @Test
    void aNamedFormatPutsThatItemFirst() throws Exception {
        for (var asked : List.of(List.of("do you have the one piece art book", "One Piece Color Walk Compendium: East Blue to Skypeia"),
                List.of("an attack on titan art book please", "Attack on Titan Anime Guidebook"))) {
            var done = client.ask(session(), asked.get(0)).last();

            assertThat(done.path("sources").findValuesAsText("title")).as(asked.get(0)).first().isEqualTo(asked.get(1));
        }
    }

    /**
     * A question the classifier takes for a product one ("box set") that speaks of a policy's subject
     * and names no series is about the policy: it leads, the box sets follow.
     */
    @Test
    void aProductQuestionOnAPolicySubjectLeadsWithThePolicy() throws Exception {
        var done = client.ask(session(), "the sleeve of the box set i got is dented, what now").last();

        assertThat(done.path("intent").asText()).isIn("product_search", "availability", "price_check");
        assertThat(done.path("sources").findValuesAsText("id")).first().isEqualTo("damaged-items");
    }

    @Test
    void aFollowUpUsesThePreviousTurn() throws Exception {
        String session = session();
        ChatClient.Answer first = client.ask(session, "tell me about the demon slayer manga");
        assertThat(first.text()).contains("Demon Slayer");
        new SavedTurns(dynamoDb, ddb).await(session, turns -> turns.size() >= 2, Duration.ofSeconds(5));

        ChatClient.Answer followUp = client.ask(session, "how much is volume 2?");
        assertThat(followUp.last().path("intent").asText()).isEqualTo("price_check");
        assertThat(followUp.text()).contains("Demon Slayer: Kimetsu no Yaiba, Vol. 2").contains("$");
        assertThat(followUp.last().path("cached").asBoolean()).isFalse();
    }

    @Test
    void theSamePolicyQuestionTwiceIsAnsweredFromTheCacheWithoutTheModel() throws Exception {
        String question = "what is your return policy for blu-rays " + ChatClient.uniqueWords() + "?";
        ChatClient.Answer first = client.ask(session(), question);
        assertThat(first.last().path("cached").asBoolean()).isFalse();
        assertThat(first.text()).contains("Returns and Refunds");

        awaitStored(question); // the cache store is a wireTap, after the done frame
        long modelCallsBefore = standIn.converseStreamRequests();
        ChatClient.Answer second = client.ask(session(), question);
        assertThat(second.last().path("cached").asBoolean()).isTrue();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.tokens()).hasSize(1); // a stored answer is sent whole, not replayed word by word
        assertThat(standIn.converseStreamRequests()).isEqualTo(modelCallsBefore);
        assertThat(second.last().path("timings").has("rag")).isFalse();
    }

    @Test
    void personalQuestionsAreNeverCached() throws Exception {
        String question = "where is my order 55120?";
        ChatClient.Answer first = client.ask(session(), question);
        assertThat(first.last().path("intent").asText()).isEqualTo("order_status");
        // the cache store is a wireTap: it does not happen, now or a moment later
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !Boolean.TRUE.equals(redis.hasKey(answerCache.key(question))));
        long modelCallsBefore = standIn.converseStreamRequests();
        ChatClient.Answer again = client.ask(session(), question);
        assertThat(again.last().path("cached").asBoolean()).isFalse();
        assertThat(standIn.converseStreamRequests()).isEqualTo(modelCallsBefore + 1);
    }

    private void awaitStored(String question) {
        await().atMost(Duration.ofSeconds(5)).alias("the answer to '" + question + "' cached")
                .until(() -> Boolean.TRUE.equals(redis.hasKey(answerCache.key(question))));
    }
}
