package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;
import com.mangaassist.slo.burn.SheddingPolicy;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pipeline squeezed to two requests in flight, against the real service and backends: a burst of
 * twelve questions on twelve connections at once. Every question gets its first frame within the
 * 3 s promise; the ones admitted (at once, or after waiting for a place) are answered in full and
 * their turns saved once; the rest are refused with an overloaded frame and a retry hint, with
 * nothing saved; and the pipeline is empty again afterwards. Once with admission alone, once with
 * load shedding (the default), which answers the requests that find the pipeline full at level shed.
 */
@LocalProfileTest
@TestPropertySource(properties = {"mangaassist.pipeline.max-in-flight=2", "mangaassist.pipeline.min-in-flight=2",
        "mangaassist.pipeline.queue-max-wait=1500ms"})
@DirtiesContext
class OverloadBurstTest {

    private static final int BURST = 12;

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings tables;

    @Autowired
    PipelineAdmission admission;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    SheddingPolicy shedding;

    @Autowired
    MeterRegistry meters;

    /** Admission alone (load shedding off): every admitted request is answered in full. */
    @Test
    void aBurstOverTheLimitGetsFullAnswersOrQuickRefusalsAllWithinThePromise() throws Exception {
        shedding.setLoadEnabled(false);
        try {
            Map<String, Integer> levels = burst();
            assertThat(levels.keySet()).containsOnly("full", "overloaded");
        } finally {
            shedding.setLoadEnabled(true);
        }
    }

    /**
     * With the default policy the cheap degradation comes before refusals: requests that arrive while
     * the pipeline is full are answered completely at level shed (fewer passages, a shorter answer).
     */
    @Test
    void underTheSameBurstRequestsThatFindThePipelineFullShedOptionalWork() throws Exception {
        Map<String, Integer> levels = burst();
        assertThat(levels.keySet()).containsAnyOf("full").isSubsetOf("full", "shed", "overloaded");
        assertThat(levels.getOrDefault("shed", 0)).isPositive();
    }

    /** mangaassist.chat.requests for one outcome. */
    private double requests(String outcome) {
        return meters.get("mangaassist.chat.requests").tag("outcome", outcome).counter().count();
    }

    /** Twelve questions at once; the checks every burst must pass; the count of each level (or overloaded). */
    private Map<String, Integer> burst() throws Exception {
        double normalRate = standIn.tokensPerSecond();
        double answeredBefore = requests("answered");
        double overloadedBefore = requests("overloaded");
        double failedBefore = requests("failed");
        List<ChatClient> clients = new ArrayList<>();
        Map<String, Integer> levels = new TreeMap<>();
        try {
            // short answers (the first token still takes the stand-in's 400 ms): places free about every 0.6 s
            standIn.pace(standIn.firstTokenDelay(), 400);
            for (int i = 0; i < BURST; i++) {
                clients.add(new ChatClient(wsPort));
            }
            List<String> sessions = new ArrayList<>();
            List<Long> sent = new ArrayList<>();
            String burstId = UUID.randomUUID().toString();
            for (int i = 0; i < BURST; i++) {
                sessions.add("s-burst-" + UUID.randomUUID());
                sent.add(clients.get(i).send(sessions.get(i), "r-" + burstId + "-" + i, "do you have naruto volume " + (i + 1)
                        + "? " + ChatClient.uniqueWords()));
            }
            List<String> admittedSessions = new ArrayList<>();
            List<String> refusedSessions = new ArrayList<>();
            int waitedAndAdmitted = 0;
            for (int i = 0; i < BURST; i++) {
                ChatClient.Answer answer = clients.get(i).collect("r-" + burstId + "-" + i, sent.get(i), Duration.ofSeconds(20));
                long firstFrameMs = (answer.frames().get(0).arrivedNanos() - sent.get(i)) / 1_000_000;
                assertThat(firstFrameMs).as("first frame of request %d", i).isLessThan(3000);
                JsonNode last = answer.last();
                if ("done".equals(last.path("type").asText())) {
                    levels.merge(last.path("degradation").asText(), 1, Integer::sum);
                    assertThat(answer.tokens()).isNotEmpty();
                    if (last.path("timings").path("queue").asDouble() > 0) {
                        waitedAndAdmitted++;
                    }
                    admittedSessions.add(sessions.get(i));
                } else {
                    assertThat(last.path("code").asText()).isEqualTo("overloaded");
                    assertThat(last.path("retryAfterMs").asLong()).isPositive();
                    assertThat(answer.tokens()).isEmpty();
                    levels.merge("overloaded", 1, Integer::sum);
                    refusedSessions.add(sessions.get(i));
                }
            }
            assertThat(admittedSessions).hasSizeGreaterThanOrEqualTo(4);
            assertThat(waitedAndAdmitted).isPositive();
            assertThat(refusedSessions).isNotEmpty();

            SavedTurns saved = new SavedTurns(dynamoDb, tables);
            await().atMost(Duration.ofSeconds(10)).until(() -> admittedSessions.stream().allMatch(s -> saved.of(s).size() == 2));
            for (String session : refusedSessions) {
                assertThat(saved.of(session)).isEmpty();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 0 && admission.queued() == 0);
            // every accepted question counted once in the SLI's denominator, by how it ended
            await().atMost(Duration.ofSeconds(5)).until(() -> requests("answered") - answeredBefore == admittedSessions.size());
            assertThat(requests("overloaded") - overloadedBefore).isEqualTo(refusedSessions.size());
            assertThat(requests("failed")).isEqualTo(failedBefore);
            return levels;
        } finally {
            standIn.pace(standIn.firstTokenDelay(), normalRate);
            clients.forEach(ChatClient::close);
        }
    }
}
