package com.mangaassist.slo.burn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells the world an SLO alert fired or resolved: a log line, the counter
 * {@code mangaassist.slo.alerts{alert,severity,state}}, and, when a webhook URL is configured, a
 * POST of Alertmanager's v2 alert JSON (a list with one alert; {@code endsAt} set when resolved),
 * sent asynchronously so evaluation never waits on the receiver.
 */
public class AlertNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry meters;
    private final String webhook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AlertNotifier(MeterRegistry meters, String webhook) {
        this.meters = meters;
        this.webhook = webhook == null ? "" : webhook;
    }

    public void fired(BurnRateTier tier, Instant at, double longBurn, double shortBurn) {
        LOG.warn("SLO alert FIRING {} ({}): burn rate {} over {} and {} over {} (threshold {})", tier.name(),
                tier.severity(), round(longBurn), tier.longWindow(), round(shortBurn), tier.shortWindow(), tier.threshold());
        notify(tier, "firing", at, null, longBurn, shortBurn);
    }

    public void resolved(BurnRateTier tier, Instant firedAt, Instant at, double longBurn, double shortBurn) {
        LOG.info("SLO alert RESOLVED {} ({}): burn rate {} over {} and {} over {}", tier.name(), tier.severity(),
                round(longBurn), tier.longWindow(), round(shortBurn), tier.shortWindow());
        notify(tier, "resolved", firedAt, at, longBurn, shortBurn);
    }

    private void notify(BurnRateTier tier, String state, Instant startsAt, Instant endsAt, double longBurn, double shortBurn) {
        Counter.builder("mangaassist.slo.alerts").description("SLO burn-rate alerts fired and resolved")
                .tag("alert", tier.name()).tag("severity", tier.severity()).tag("state", state)
                .register(meters).increment();
        if (webhook.isBlank()) {
            return;
        }
        Map<String, Object> alert = new java.util.LinkedHashMap<>();
        alert.put("labels", Map.of("alertname", "MangaAssistFirstTokenBurnRate", "tier", tier.name(),
                "severity", tier.severity(), "service", "mangaassist"));
        alert.put("annotations", Map.of("summary", "First-token SLO error budget burning " + round(longBurn)
                + "x over " + tier.longWindow() + " and " + round(shortBurn) + "x over " + tier.shortWindow()));
        alert.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        alert.put("generatorURL", "/api/slo");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(alert)))).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null || response.statusCode() >= 300) {
                    LOG.warn("SLO alert webhook {} failed: {}", webhook,
                            failure != null ? failure.toString() : "HTTP " + response.statusCode());
                }
            });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("SLO alert webhook {} not called: {}", webhook, e.toString());
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
