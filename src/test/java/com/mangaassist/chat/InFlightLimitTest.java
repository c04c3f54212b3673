package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ingress's admission against the real service: with room for one request in flight, a second
 * one sent while the first streams is refused at once with an overloaded frame, and nothing is
 * started or saved for it; the first is answered in full, and once it is done the next is admitted.
 */
@LocalProfileTest
@TestPropertySource(properties = "mangaassist.pipeline.max-in-flight=1")
@DirtiesContext
class InFlightLimitTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings tables;

    @Autowired
    PipelineAdmission admission;

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceAndLeavesNothingBehind() throws Exception {
        String admittedSession = "s-admitted-" + UUID.randomUUID();
        String refusedSession = "s-refused-" + UUID.randomUUID();
        try (ChatClient first = new ChatClient(wsPort); ChatClient second = new ChatClient(wsPort)) {
            long sent = first.send(admittedSession, "r-first", "do you have naruto volume 1?");
            // the first request holds the only place until its done frame (the model's first token alone takes 400 ms)
            await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 1);
            long refusedSent = second.send(refusedSession, "r-second", "do you have one piece volume 1?");

            ChatClient.Answer refused = second.collect("r-second", refusedSent, Duration.ofSeconds(5));
            JsonNode error = refused.last();
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("overloaded");
            assertThat(refused.tokens()).isEmpty();

            JsonNode done = first.collect("r-first", sent, Duration.ofSeconds(20)).last();
            assertThat(done.path("type").asText()).isEqualTo("done");
            assertThat(done.path("degradation").asText()).isEqualTo("full");

            SavedTurns saved = new SavedTurns(dynamoDb, tables);
            await().atMost(Duration.ofSeconds(10)).until(() -> saved.of(admittedSession).size() == 2);
            assertThat(saved.of(refusedSession)).isEmpty();

            // the place is free again once the first exchange completed
            await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 0);
            assertThat(second.ask(refusedSession, "do you have one piece volume 1?").last().path("type").asText()).isEqualTo("done");
        }
    }
}
