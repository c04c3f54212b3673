package com.mangaassist.slo;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalBackendPorts;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

/** A request whose first token misses the SLO keeps its whole waterfall, served by the traces API. */
@LocalProfileTest
class SlowTraceTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    TestRestTemplate http;

    @Test
    void aSlowFirstTokenKeepsTheWaterfall() throws Exception {
        Duration normal = standIn.firstTokenDelay();
        double rate = standIn.tokensPerSecond();
        ChatClient.Answer fast;
        ChatClient.Answer slow;
        try (ChatClient client = new ChatClient(wsPort)) {
            fast = client.ask("s-" + UUID.randomUUID(), "do you have vinland saga volume 1?");
            // two real delays that each stay within their step's deadline but together miss the SLO:
            // retrieval abandoned after its 800 ms timeout, then a 1.3 s model first token
            LocalBackendPorts.OPENSEARCH_PROXY.delay(3000);
            standIn.pace(Duration.ofMillis(1300), rate);
            slow = client.ask("s-" + UUID.randomUUID(), "do you have vinland saga volume 2?");
        } finally {
            standIn.pace(normal, rate);
            LocalBackendPorts.OPENSEARCH_PROXY.delay(0);
        }
        String slowTrace = slow.last().path("traceId").asText();
        String fastTrace = fast.last().path("traceId").asText();
        assertThat(slowTrace).isNotEqualTo(fastTrace).matches("[0-9a-f]{32}");

        assertThat(slow.last().path("timedOut").toString()).contains("\"rag\"");
        // the abandoned search's spans end ~3 s later and join the kept waterfall then
        JsonNode waterfall = awaitWaterfall(slowTrace, "\"name\":\"opensearch\"");
        assertThat(waterfall.path("firstTokenMs").asLong()).isGreaterThan(2000);
        JsonNode spans = waterfall.path("spans");
        assertThat(spans.size()).isGreaterThan(5);
        String names = spans.toString();
        for (String step : new String[] {"intent", "memory", "cache", "rag", "context-assembly", "llm"}) {
            assertThat(names).as("a span for step %s", step).contains("\"" + step + "\"");
        }
        JsonNode llm = null;
        for (JsonNode span : spans) {
            assertThat(span.path("startOffsetMs").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(span.path("durationMs").asDouble()).isGreaterThanOrEqualTo(0);
            if (span.path("name").asText().startsWith("chat ")) {
                llm = span;
            }
        }
        assertThat(llm).as("the LLM span").isNotNull();
        assertThat(llm.path("attributes").path("gen_ai.provider.name").asText()).isEqualTo("aws.bedrock");
        assertThat(llm.path("attributes").path("gen_ai.operation.name").asText()).isEqualTo("chat");
        assertThat(llm.path("attributes").path("gen_ai.request.model").asText()).isNotBlank();
        assertThat(llm.path("attributes").path("gen_ai.usage.output_tokens").asInt()).isPositive();
        assertThat(llm.path("attributes").path("gen_ai.response.time_to_first_chunk").asDouble()).isGreaterThan(1.29);
        assertThat(llm.path("durationMs").asDouble()).isGreaterThan(1300);
        // the verdict the fleet's collector samples on (k8s/otel/collector.yaml), in the same trace
        JsonNode verdict = null;
        for (JsonNode span : spans) {
            if (span.path("name").asText().equals(SlowTraceMarks.SPAN_NAME)) {
                verdict = span;
            }
        }
        assertThat(verdict).as("the verdict span").isNotNull();
        assertThat(verdict.path("attributes").path(SlowTraceMarks.FIRST_TOKEN_LATE.getKey()).asText()).isEqualTo("true");
        assertThat(verdict.path("attributes").path(SlowTraceMarks.FIRST_TOKEN_MS.getKey()).asLong())
                .isEqualTo(waterfall.path("firstTokenMs").asLong());
        String parent = verdict.path("parentSpanId").asText();
        assertThat(spans.findValuesAsText("spanId")).as("the verdict's parent is one of the request's spans").contains(parent);

        // listed as slow; the fast request is not kept
        JsonNode list = http.getForObject("/api/traces/slow", JsonNode.class);
        assertThat(list.toString()).contains(slowTrace).doesNotContain(fastTrace);
        assertThat(http.getForEntity("/api/traces/" + fastTrace, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/api/traces/0123456789abcdef0123456789abcdef", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private JsonNode awaitWaterfall(String traceId, String mustContain) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).alias("the waterfall of " + traceId)
                .until(() -> http.getForEntity("/api/traces/" + traceId, JsonNode.class),
                        response -> response.getStatusCode().is2xxSuccessful() && response.getBody().toString().contains(mustContain))
                .getBody();
    }
}
