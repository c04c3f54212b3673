package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.llm.CannedAnswers;

/** Real injected delays: a step that runs out of time ends with its fallback, and the answer still starts in time. */
@LocalProfileTest
class DeadlineTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    CannedAnswers canned;

    @Test
    void slowRetrievalIsAbandonedAndTheAnswerStillStartsBeforeTheHardDeadline() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            LocalBackendPorts.OPENSEARCH_PROXY.delay(5000); // OpenSearch answers 5 s late
            ChatClient.Answer answer = client.ask("s-" + UUID.randomUUID(), "do you have berserk volume 3?");
            assertThat(answer.firstTokenMs()).isLessThan(3000);
            assertThat(answer.last().path("degradation").asText()).isEqualTo("no_rag");
            assertThat(answer.last().path("timedOut").toString()).contains("\"rag\"");
            // without passages the model says it has no catalog details rather than inventing any
            assertThat(answer.text()).contains("couldn't find catalog details");
        } finally {
            LocalBackendPorts.OPENSEARCH_PROXY.delay(0);
        }
    }

    @Test
    void aModelWithoutAFirstTokenIsReplacedByTheCannedAnswerInTime() throws Exception {
        Duration normal = standIn.firstTokenDelay();
        try (ChatClient client = new ChatClient(wsPort)) {
            standIn.pace(Duration.ofMillis(2800), standIn.tokensPerSecond());
            String requestId = "r-" + UUID.randomUUID();
            long sent = client.send("s-" + UUID.randomUUID(), requestId, "where is my order 4471?");
            ChatClient.Answer answer = client.collect(requestId, sent, Duration.ofSeconds(10));
            assertThat(answer.firstTokenMs()).isLessThan(3000);
            assertThat(answer.last().path("degradation").asText()).isEqualTo("canned");
            assertThat(answer.last().path("timedOut").toString()).contains("\"llm-first-token\"");
            assertThat(answer.text()).isEqualTo(canned.forIntent(Intent.ORDER_STATUS));
            // the abandoned model stream sends nothing afterwards
            assertThat(client.framesAfterEnd(requestId, Duration.ofMillis(2000))).isEmpty();
        } finally {
            standIn.pace(normal, standIn.tokensPerSecond());
        }
    }
}
