package com.mangaassist.ingress;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.memory.DynamoDbSettings;
import com.mangaassist.memory.SavedTurns;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Bad frames get an error frame, start nothing, save nothing, and the connection stays usable. */
@LocalProfileTest
class MalformedFrameTest {

    private static final String SESSION = "s-malformed-" + UUID.randomUUID();

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    DynamoDbClient dynamoDb;

    @Autowired
    DynamoDbSettings ddb;

    ChatClient client;

    @BeforeEach
    void connect() throws Exception {
        client = new ChatClient(wsPort);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    static Object[][] badFrames() {
        String tooLong = "x".repeat(4001);
        return new Object[][] {
            {"not json at all", "invalid_json"},
            {"[1,2,3]", "invalid_json"},
            {"{\"type\":\"message\",\"sessionId\":\"" + SESSION + "\",\"text\":\"hi\"}", "missing_field"},
            {"{\"type\":\"message\",\"requestId\":\"r1\",\"text\":\"hi\"}", "missing_field"},
            {"{\"type\":\"message\",\"sessionId\":\"" + SESSION + "\",\"requestId\":\"r2\"}", "missing_field"},
            {"{\"type\":\"message\",\"sessionId\":\"" + SESSION + "\",\"requestId\":\"r3\",\"text\":\"" + tooLong + "\"}",
                "text_too_long"},
            {"{\"type\":\"subscribe\",\"sessionId\":\"" + SESSION + "\",\"requestId\":\"r4\",\"text\":\"hi\"}",
                "unsupported_type"},
            {"{\"type\":\"message\",\"sessionId\":\"bad id with spaces\",\"requestId\":\"r5\",\"text\":\"hi\"}",
                "invalid_field"},
        };
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void badTextFramesGetAnErrorFrameAndStartNothing(String frame, String code) throws Exception {
        long modelCalls = standIn.converseStreamRequests();
        client.sendRaw(frame);
        JsonNode error = client.next(Duration.ofSeconds(5)).json();
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("traceId").asText()).matches("[0-9a-f]{32}");
        assertThat(standIn.converseStreamRequests()).isEqualTo(modelCalls);

        // the same connection still works
        ChatClient.Answer answer = client.ask("s-" + UUID.randomUUID(), "hello");
        assertThat(answer.last().path("type").asText()).isEqualTo("done");
    }

    @Test
    void binaryFramesAreRejected() throws Exception {
        client.sendBinary(new byte[] {1, 2, 3, 4});
        JsonNode error = client.next(Duration.ofSeconds(5)).json();
        assertThat(error.path("code").asText()).isEqualTo("binary_not_supported");
        assertThat(client.ask("s-" + UUID.randomUUID(), "hi").last().path("type").asText()).isEqualTo("done");
    }

    @Test
    void rejectedFramesSaveNoTurns() throws Exception {
        client.sendRaw("{\"type\":\"message\",\"sessionId\":\"" + SESSION + "\",\"requestId\":\"r9\",\"text\":\""
                + "y".repeat(5000) + "\"}");
        assertThat(client.next(Duration.ofSeconds(5)).json().path("code").asText()).isEqualTo("text_too_long");
        // nothing is saved for it, and nothing comes later either
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> new SavedTurns(dynamoDb, ddb).of(SESSION).isEmpty());
    }
}
