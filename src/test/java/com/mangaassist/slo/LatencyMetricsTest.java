package com.mangaassist.slo;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.mangaassist.backends.TestBackends;
import com.mangaassist.LocalProfileTest;
import com.mangaassist.ingress.ChatClient;

import io.micrometer.core.instrument.MeterRegistry;

/** A real injected delay (the stand-in's first token) moves the violation counters and the histograms. */
@LocalProfileTest
class LatencyMetricsTest {

    @Value("${mangaassist.ws.port}")
    int wsPort;

    @Autowired
    TestBackends.Bedrock standIn;

    @Autowired
    MeterRegistry registry;

    @Autowired
    TestRestTemplate http;

    private double alarms() {
        var c = registry.find("mangaassist.step.budget.violations").tags("step", "llm-first-token", "severity", "alarm")
                .counter();
        return c == null ? 0 : c.count();
    }

    private double bucket(double seconds) {
        for (var b : registry.get("mangaassist.e2e.first_token").timer().takeSnapshot().histogramCounts()) {
            if (Math.abs(b.bucket(TimeUnit.SECONDS) - seconds) < 1e-9) {
                return b.count();
            }
        }
        throw new AssertionError("no bucket at " + seconds + " s");
    }

    @Test
    void aSlowFirstTokenIsAnAlarmAndLandsInTheRightBuckets() throws Exception {
        Duration normal = standIn.firstTokenDelay();
        double tokensPerSecond = standIn.tokensPerSecond();
        try (ChatClient client = new ChatClient(wsPort)) {
            client.ask("s-" + UUID.randomUUID(), "do you have naruto volume 1?"); // meters exist from here on
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("mangaassist.e2e.first_token").timer() != null
                    && registry.get("mangaassist.e2e.first_token").timer().count() > 0);
            long countBefore = registry.get("mangaassist.e2e.first_token").timer().count();
            double alarmsBefore = alarms();
            double upTo12 = bucket(1.2);
            double upTo20 = bucket(2.0);

            standIn.pace(Duration.ofMillis(1300), tokensPerSecond); // more than twice the 400 ms budget
            ChatClient.Answer slow = client.ask("s-" + UUID.randomUUID(), "do you have bleach volume 2?");
            assertThat(slow.last().path("timings").path("llm-first-token").asLong()).isGreaterThanOrEqualTo(1300);

            // the histograms are recorded off the critical path (wireTap): wait for the count to move
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> registry.get("mangaassist.e2e.first_token").timer().count() > countBefore);
            assertThat(registry.get("mangaassist.e2e.first_token").timer().count()).isEqualTo(countBefore + 1);
            assertThat(alarms()).isEqualTo(alarmsBefore + 1);
            assertThat(bucket(1.2)).isEqualTo(upTo12);      // took longer than 1.2 s
            assertThat(bucket(2.0)).isEqualTo(upTo20 + 1);  // but within the 2 s SLO
        } finally {
            standIn.pace(normal, tokensPerSecond);
        }
        String scrape = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).contains("mangaassist_e2e_first_token_seconds_bucket{le=\"2.0\"}")
                .contains("mangaassist_e2e_total_seconds_bucket{le=\"3.0\"}")
                .contains("mangaassist_step_budget_violations_total{severity=\"alarm\",step=\"llm-first-token\"}")
                .contains("mangaassist_step_duration_seconds_bucket{step=\"rag\"");
    }
}
