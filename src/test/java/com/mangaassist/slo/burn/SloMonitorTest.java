package com.mangaassist.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.ManualClock;
import com.mangaassist.slo.SloSettings;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Each burn-rate tier with an injected clock: traffic shaped so that exactly that tier fires
 * (both its windows above the threshold, the other tiers' not), and a stopped fast burn resolves
 * within the short window although the long window still burns.
 */
class SloMonitorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SloSettings slo = new SloSettings(Duration.ofMillis(2000), Duration.ofMillis(3000), 0.95,
            Duration.ofDays(30), 15_000, 0.95, "");
    private final SloMonitor monitor = new SloMonitor(slo, meters, clock, new AlertNotifier(meters, ""));

    /** {@code minutes} of traffic, {@code perMinute} requests a minute, {@code badShare} of them slow; evaluated each minute. */
    private void traffic(Duration duration, int perMinute, double badShare) {
        long minutes = duration.toMinutes();
        double owed = 0;
        for (long m = 0; m < minutes; m++) {
            owed += perMinute * badShare;
            int bad = (int) Math.floor(owed);
            owed -= bad;
            for (int i = 0; i < perMinute; i++) {
                monitor.record(i < bad ? 2600L : 700L);
            }
            clock.advance(Duration.ofMinutes(1));
            monitor.evaluate();
        }
    }

    private List<String> firing() {
        return SloMonitor.TIERS.stream().map(BurnRateTier::name).filter(monitor::isFiring).toList();
    }

    @Test
    void pageFastFiresOnAnHourOfHeavyBurnAndResolvesWithinFiveMinutesOfItStopping() {
        traffic(Duration.ofDays(3), 10, 0);
        traffic(Duration.ofHours(1), 10, 1.0);
        assertThat(firing()).containsExactly("page-fast");
        assertThat(monitor.burnRate(Duration.ofHours(1))).isGreaterThan(14.4);

        traffic(Duration.ofMinutes(6), 10, 0);
        // the hour still burns far above 14.4x, but the 5-minute window says it stopped
        assertThat(monitor.burnRate(Duration.ofHours(1))).isGreaterThan(14.4);
        assertThat(firing()).isEmpty();
        assertThat(meters.get("mangaassist.slo.alerts").tag("alert", "page-fast").tag("state", "firing").counter().count()).isEqualTo(1);
        assertThat(meters.get("mangaassist.slo.alerts").tag("alert", "page-fast").tag("state", "resolved").counter().count()).isEqualTo(1);
    }

    @Test
    void pageSlowFiresOnSixHoursAtSevenTimesTheBudget() {
        traffic(Duration.ofDays(3), 10, 0);
        traffic(Duration.ofHours(6), 10, 0.35);
        assertThat(firing()).containsExactly("page-slow");
        assertThat(meters.get("mangaassist.slo.alert_active").tag("alert", "page-slow").gauge().value()).isEqualTo(1);
    }

    @Test
    void ticketFastFiresOnADayAtMoreThanThreeTimesTheBudget() {
        traffic(Duration.ofDays(2), 30, 0);
        traffic(Duration.ofDays(1), 10, 0.16);
        assertThat(firing()).containsExactly("ticket-fast");
    }

    @Test
    void ticketSlowFiresOnThreeDaysJustOverBudget() {
        traffic(Duration.ofDays(3), 10, 0.06);
        assertThat(firing()).containsExactly("ticket-slow");
        assertThat(monitor.errorBudgetRemaining()).isLessThan(0); // 3 days at 1.2x spend more than the whole budget share
    }

    @Test
    void trafficWithinBudgetFiresNothing() {
        traffic(Duration.ofDays(3), 10, 0.04);
        assertThat(firing()).isEmpty();
        assertThat(monitor.errorBudgetRemaining()).isBetween(0.15, 0.25);
        assertThat(meters.get("mangaassist.slo.burn_rate").tag("window", "1d").gauge().value()).isBetween(0.75, 0.85);
    }

    @Test
    void aRequestWithoutAnyTokenCountsAsSlow() {
        monitor.record(null);
        monitor.record(100L);
        assertThat(monitor.burnRate(Duration.ofMinutes(5))).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void firingAndResolvingArePostedInAlertmanagersFormat() throws IOException, InterruptedException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LinkedBlockingQueue<String> posts = new LinkedBlockingQueue<>();
        receiver.createContext("/api/v2/alerts", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/v2/alerts";
            SloMonitor withWebhook = new SloMonitor(slo, new SimpleMeterRegistry(), clock, new AlertNotifier(meters, url));
            for (int minute = 0; minute < 60; minute++) {
                withWebhook.record(2600L);
                clock.advance(Duration.ofMinutes(1));
            }
            withWebhook.evaluate();
            String fired = posts.poll(5, TimeUnit.SECONDS);
            assertThat(fired).startsWith("POST ");
            JsonNode alerts = new ObjectMapper().readTree(fired.substring(5));
            assertThat(alerts.isArray()).isTrue();
            JsonNode pageFast = null;
            for (String body = fired; body != null; body = posts.poll(1, TimeUnit.SECONDS)) {
                JsonNode alert = new ObjectMapper().readTree(body.substring(5)).get(0);
                if ("page-fast".equals(alert.path("labels").path("tier").asText())) {
                    pageFast = alert;
                }
            }
            assertThat(pageFast).isNotNull();
            assertThat(pageFast.path("labels").path("alertname").asText()).isEqualTo("MangaAssistFirstTokenBurnRate");
            assertThat(pageFast.path("labels").path("severity").asText()).isEqualTo("page");
            assertThat(pageFast.path("startsAt").asText()).isNotBlank();
            assertThat(pageFast.has("endsAt")).isFalse();

            for (int minute = 0; minute < 6; minute++) {
                withWebhook.record(500L);
                clock.advance(Duration.ofMinutes(1));
            }
            withWebhook.evaluate();
            JsonNode resolved = null;
            for (String body = posts.poll(5, TimeUnit.SECONDS); body != null; body = posts.poll(1, TimeUnit.SECONDS)) {
                JsonNode alert = new ObjectMapper().readTree(body.substring(5)).get(0);
                if ("page-fast".equals(alert.path("labels").path("tier").asText())) {
                    resolved = alert;
                }
            }
            assertThat(resolved).isNotNull();
            assertThat(resolved.path("endsAt").asText()).isEqualTo(clock.instant().toString());
        } finally {
            receiver.stop(0);
        }
    }
}
