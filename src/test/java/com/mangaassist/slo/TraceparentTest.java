package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

/** A client that opens the WebSocket with ?traceparent=... gets its answers traced in that trace. */
@LocalProfileTest
class TraceparentTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Test
    void theClientsTraceIsContinued() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (ChatClient client = new ChatClient(wsPort, "traceparent=" + traceparent)) {
            var done = client.ask("s-" + UUID.randomUUID(), "what is your shipping policy?").last();
            assertThat(done.path("traceId").asText()).isEqualTo(traceId);
        }
        try (ChatClient client = new ChatClient(wsPort)) {
            var done = client.ask("s-" + UUID.randomUUID(), "what is your shipping policy?").last();
            assertThat(done.path("traceId").asText()).isNotEqualTo(traceId).matches("[0-9a-f]{32}");
        }
    }
}
