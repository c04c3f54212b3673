package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.mangaassist.LocalProfileTest;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** 50 shoppers at once, each on its own connection: each gets only its own answer, whole and in order. */
@LocalProfileTest
class ConcurrentSessionsTest {

    private static final String[] QUESTIONS = {
        "do you have chainsaw man volume 2?", "how much is berserk volume 1?", "is haikyu volume 4 in stock?",
        "recommend a dark fantasy series", "what is your shipping policy to canada?",
    };

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings ddb;

    /** The assistant turn the conversation-save wireTap stored for a session. */
    private String savedAnswer(String sessionId) throws InterruptedException {
        return new SavedTurns(dynamoDb, ddb)
                .await(sessionId, turns -> turns.stream().anyMatch(t -> "assistant".equals(t.get("role").s())),
                        Duration.ofSeconds(10))
                .stream().filter(t -> "assistant".equals(t.get("role").s())).findFirst().orElseThrow()
                .get("text").s();
    }

    @Test
    void fiftyConcurrentSessionsEachGetTheirOwnCompleteAnswer() throws Exception {
        int sessions = 50;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                clients.add(new ChatClient(wsPort));
            }
            List<Future<ChatClient.Answer>> answers = new ArrayList<>();
            List<String> requestIds = new ArrayList<>();
            List<String> sessionIds = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                ChatClient client = clients.get(i);
                String requestId = "r-" + i + "-" + UUID.randomUUID();
                String question = QUESTIONS[i % QUESTIONS.length] + " (shopper " + i + ")";
                String sessionId = "s-" + UUID.randomUUID();
                requestIds.add(requestId);
                sessionIds.add(sessionId);
                answers.add(pool.submit(() -> {
                    long sent = client.send(sessionId, requestId, question);
                    return client.collect(requestId, sent, Duration.ofSeconds(60));
                }));
            }
            for (int i = 0; i < sessions; i++) {
                ChatClient.Answer answer = answers.get(i).get(90, TimeUnit.SECONDS);
                String own = requestIds.get(i);
                // every frame on this connection belongs to this shopper's request
                assertThat(answer.frames()).allSatisfy(f -> assertThat(f.json().path("requestId").asText()).isEqualTo(own));
                assertThat(answer.last().path("type").asText()).as("shopper %d", i).isEqualTo("done");
                assertThat(answer.tokens()).isNotEmpty();
                // complete and in order: what arrived is exactly the answer the server generated and saved
                assertThat(answer.text()).isEqualTo(savedAnswer(sessionIds.get(i)));
                ChatClient.Frame extra = clients.get(i).next(Duration.ofMillis(1));
                while (extra != null) {
                    assertThat(extra.json().path("requestId").asText()).isEqualTo(own);
                    extra = clients.get(i).next(Duration.ofMillis(1));
                }
            }
        } finally {
            clients.forEach(ChatClient::close);
            pool.shutdownNow();
        }
    }
}
