package com.mangaassist.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

/** The running service counts answered requests into the SLO and serves it at /api/slo and /actuator/prometheus. */
@LocalProfileTest
class SloApiTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestRestTemplate http;

    @Test
    void answeredRequestsAreCountedAndTheSloIsServed() throws Exception {
        try (ChatClient client = new ChatClient(wsPort)) {
            client.ask("s-" + UUID.randomUUID(), "what is your return policy?");
        }
        JsonNode slo = http.getForObject("/api/slo", JsonNode.class);
        assertThat(slo.path("objective").asDouble()).isEqualTo(0.999);
        assertThat(slo.path("firstTokenMs").asLong()).isEqualTo(2000);
        assertThat(slo.path("burnRates").size()).isEqualTo(7);
        assertThat(slo.path("alerts").size()).isEqualTo(4);
        assertThat(slo.path("alerts").get(0).path("name").asText()).isEqualTo("page-fast");
        assertThat(slo.path("errorBudgetRemaining").asDouble()).isLessThanOrEqualTo(1.0);

        String scrape = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).contains("mangaassist_slo_burn_rate{").contains("window=\"5m\"")
                .contains("mangaassist_slo_error_budget_remaining")
                .contains("mangaassist_slo_alert_active{")
                // the fleet rules in k8s/prometheus read this bucket
                .contains("mangaassist_e2e_first_token_seconds_bucket{").contains("le=\"2.0\"");
    }
}
