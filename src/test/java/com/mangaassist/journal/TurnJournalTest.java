package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.mangaassist.backends.StuckRequests;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB Local is stopped in the middle of 200 conversation turns and started again: every turn
 * is in the table afterwards, in order, exactly once (saves that failed went to the durable journal
 * and were replayed). The sessions ask as fast as the per-user rate limit lets them: a refused
 * question is asked again after the server's retryAfterMs, and must still be saved exactly once.
 */
@LocalProfileTest
class TurnJournalTest {

    private static final int SESSIONS = 4;
    private static final int TURNS_PER_SESSION = 50;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.DynamoDb localDynamoDb;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings settings;

    @Autowired
    DurableDynamoWriter writer;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void noTurnIsLostWhileDynamoDbIsDown() throws Exception {
        Duration delay = standIn.firstTokenDelay();
        double rate = standIn.tokensPerSecond();
        standIn.pace(Duration.ofMillis(20), 2000); // quick answers: the test is about saving them
        AtomicInteger asked = new AtomicInteger();
        List<String> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 1);
        try {
            // the outage: DynamoDB stops after 40 turns and comes back after 140
            Future<?> outage = pool.submit(() -> {
                await(asked, 40);
                localDynamoDb.stop();
                await(asked, 140);
                localDynamoDb.start();
                return null;
            });
            List<Future<?>> chats = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                String sessionId = "journal-" + UUID.randomUUID();
                sessions.add(sessionId);
                chats.add(pool.submit(() -> {
                    try (ChatClient client = new ChatClient(wsPort)) {
                        for (int turn = 1; turn <= TURNS_PER_SESSION; turn++) {
                            ChatClient.Answer answer;
                            try {
                                answer = client.askHonouringRetryAfter(sessionId, "turn " + turn + ": what is your return policy?");
                            } catch (AssertionError noReply) {
                                throw new AssertionError(noReply.getMessage() + "; connection closed: " + client.closed().isDone()
                                        + StuckRequests.describe(camel), noReply);
                            }
                            assertThat(answer.last().path("type").asText()).as("last frame %s", answer.last()).isEqualTo("done");
                            asked.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> chat : chats) {
                chat.get();
            }
            outage.get();
        } finally {
            pool.shutdownNow();
            standIn.pace(delay, rate);
        }
        assertThat(asked.get()).isEqualTo(SESSIONS * TURNS_PER_SESSION);

        SavedTurns saved = new SavedTurns(dynamoDb, settings);
        for (String sessionId : sessions) {
            List<Map<String, AttributeValue>> items = saved.await(sessionId,
                    turns -> turns.size() >= 2 * TURNS_PER_SESSION, Duration.ofSeconds(60));
            // exactly once: one user and one assistant item per turn, nothing more
            assertThat(items).hasSize(2 * TURNS_PER_SESSION);
            // in order: the table's sort order (turn timestamps) is the order the turns were asked
            List<String> userTexts = items.stream().filter(i -> "user".equals(i.get("role").s()))
                    .map(i -> i.get("text").s()).toList();
            List<String> expected = new ArrayList<>();
            for (int turn = 1; turn <= TURNS_PER_SESSION; turn++) {
                expected.add("turn " + turn + ": what is your return policy?");
            }
            assertThat(userTexts).containsExactlyElementsOf(expected);
            for (int i = 0; i < items.size(); i += 2) {
                assertThat(items.get(i).get("role").s()).isEqualTo("user");
                assertThat(items.get(i + 1).get("role").s()).isEqualTo("assistant");
                assertThat(items.get(i + 1).get("requestId").s()).isEqualTo(items.get(i).get("requestId").s());
            }
        }
        // the outage really sent saves to the journal, and the journal drains (audit records of the last
        // turns may still be replaying behind them)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writer.pending() == 0);
        assertThat(journaled()).isGreaterThan(0);
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double journaled() {
        return meters.get("mangaassist.journal.appended").counter().count();
    }

    private static void await(AtomicInteger counter, int atLeast) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> counter.get() >= atLeast);
    }
}
