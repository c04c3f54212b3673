package com.mangaassist.slo.burn;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;
import com.mangaassist.memory.DynamoDbSettings;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * With shedding switched on and the fast-burn page alert firing, a request drops optional work:
 * level {@code shed}, at most the configured number of passages (read back from its audit record).
 */
@LocalProfileTest
class SheddingTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    SloMonitor monitor;

    @Autowired
    SheddingPolicy shedding;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings settings;

    @Test
    void aFastBurnShedsOptionalWorkOnlyWhileSheddingIsOn() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            String question = "recommend a manga like one piece";
            ChatClient.Answer normal = client.ask("s-" + UUID.randomUUID(), question);
            assertThat(normal.last().path("degradation").asText()).isEqualTo("full");
            assertThat(passagesOf(normal.last().path("requestId").asText())).hasSizeGreaterThan(2);

            // a burst of requests without a first token: the hour and the last 5 minutes burn far above 14.4x
            for (int i = 0; i < 5000; i++) {
                monitor.record(null);
            }
            monitor.evaluate();
            assertThat(monitor.isFiring("page-fast")).isTrue();
            // off by default: the alert alone changes nothing
            assertThat(client.ask("s-" + UUID.randomUUID(), question).last().path("degradation").asText()).isEqualTo("full");

            shedding.setEnabled(true);
            ChatClient.Answer shed = client.ask("s-" + UUID.randomUUID(), question);
            assertThat(shed.last().path("type").asText()).isEqualTo("done");
            assertThat(shed.last().path("degradation").asText()).isEqualTo("shed");
            assertThat(passagesOf(shed.last().path("requestId").asText())).hasSizeBetween(1, 2);
        } finally {
            shedding.setEnabled(false);
            // dilute the burst below every tier's threshold again (a 0.1% budget: under 1 bad in 1,000)
            for (int i = 0; i < 6_000_000; i++) {
                monitor.record(100L);
            }
            monitor.evaluate();
        }
        assertThat(monitor.isFiring("page-fast")).isFalse();
    }

    /** The passages the request's audit record lists (the audit write is asynchronous). */
    private List<AttributeValue> passagesOf(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .alias("the audit record of " + requestId + " in " + settings.auditTable())
                .until(() -> dynamoDb.scan(b -> b.tableName(settings.auditTable())).items().stream()
                        .filter(item -> requestId.equals(item.get("requestId").s()))
                        .map(item -> item.get("passages").l()).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }
}
