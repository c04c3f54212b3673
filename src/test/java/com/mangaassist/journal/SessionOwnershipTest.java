package com.mangaassist.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Session ownership held by the write itself: with DynamoDB stopped, the memory read that refuses
 * another user's session id cannot answer, so the refusal is DynamoDB's conditional write when the
 * journal replays. Another user's turns never land in the session, its owner is never locked out,
 * and nothing the owner said is lost.
 */
@LocalProfileTest
class SessionOwnershipTest {

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

    @Test
    void aForeignSessionIdIsNeverWrittenEvenWhileDynamoDbIsDown() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + tag;
        String alice = "alice-" + tag;
        String bobsSession = "s-bob-" + tag;
        String alicesNewSession = "s-alice-" + tag;
        SavedTurns saved = new SavedTurns(dynamoDb, settings);
        try (ChatClient bobClient = ChatClient.asUser(wsPort, bob);
             ChatClient aliceClient = ChatClient.asUser(wsPort, alice)) {
            assertThat(bobClient.ask(bobsSession, "do you have one piece volume 1?").last().path("type").asText())
                    .isEqualTo("done");
            saved.await(bobsSession, turns -> turns.size() == 2, Duration.ofSeconds(10));
            assertThat(saved.owner(bobsSession)).isEqualTo(bob);

            localDynamoDb.stop();
            try {
                // alice guesses bob's session id: nothing can be read, so she is answered without history
                JsonNode probe = aliceClient.ask(bobsSession, "alice was here: what did bob ask?").last();
                assertThat(probe.path("type").asText()).isEqualTo("done");
                assertThat(probe.path("degradation").asText()).isEqualTo("no_memory");
                // bob goes on talking, alice starts a session of her own: both are accepted, journaled
                assertThat(bobClient.ask(bobsSession, "and volume 2?").last().path("type").asText()).isEqualTo("done");
                assertThat(aliceClient.ask(alicesNewSession, "what is your shipping policy?").last().path("type").asText())
                        .isEqualTo("done");
                await().atMost(Duration.ofSeconds(15)).until(() -> writer.pending() >= 3);
            } finally {
                localDynamoDb.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.pending() == 0);

            // bob's session: his four turns, nothing of alice's; still his
            List<Map<String, AttributeValue>> bobsTurns = saved.await(bobsSession, turns -> turns.size() >= 4, Duration.ofSeconds(10));
            assertThat(bobsTurns).hasSize(4).allSatisfy(t -> assertThat(t.get("userId").s()).isEqualTo(bob));
            assertThat(bobsTurns).noneMatch(t -> t.get("text").s().contains("alice was here"));
            assertThat(saved.owner(bobsSession)).isEqualTo(bob);
            // alice's own session was not lost
            assertThat(saved.await(alicesNewSession, turns -> turns.size() == 2, Duration.ofSeconds(10)))
                    .allSatisfy(t -> assertThat(t.get("userId").s()).isEqualTo(alice));
            assertThat(saved.owner(alicesNewSession)).isEqualTo(alice);
            // the refused write is audited
            await().atMost(Duration.ofSeconds(15)).until(() -> refusedAudits(bobsSession).size() == 1);
            assertThat(refusedAudits(bobsSession).get(0).get("userId").s()).isEqualTo(alice);

            // bob is not locked out: answered with his history
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    "full".equals(bobClient.ask(bobsSession, "and volume 3?").last().path("degradation").asText()));
            // and alice, now that the session can be read, is refused outright
            assertThat(aliceClient.ask(bobsSession, "again?").last().path("code").asText()).isEqualTo("session_forbidden");
        }
    }

    private List<Map<String, AttributeValue>> refusedAudits(String session) {
        return new com.mangaassist.analytics.AuditRecords(dynamoDb, settings).of("session_write_refused", session);
    }
}
