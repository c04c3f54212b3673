package com.mangaassist.slo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The latency objective: first visible token within {@code firstToken} for {@code objective} of
 * requests (0.95: the SLO is "p95 under 2 s", an error budget of 5% slow requests) over
 * {@code budgetPeriod}; any answer within {@code hardDeadline}. Burn-rate alerts are evaluated every
 * {@code evaluateInterval} and, when {@code alertWebhook} is set, POSTed there in Alertmanager's format.
 *
 * @param firstToken the first-token objective (ms or a duration)
 * @param hardDeadline by when any answer (a degraded one) has started
 * @param objective the share of requests that must meet firstToken
 * @param budgetPeriod the error budget's period
 * @param evaluateIntervalMs how often the burn-rate tiers are evaluated
 * @param alertWebhook where firing and resolved alerts are POSTed (Alertmanager format); blank: none
 */
@ConfigurationProperties(prefix = "mangaassist.slo")
public record SloSettings(Duration firstToken, Duration hardDeadline, Double objective, Duration budgetPeriod,
                          long evaluateIntervalMs, String alertWebhook) {

    public SloSettings {
        if (objective == null || objective <= 0 || objective >= 1) {
            throw new IllegalArgumentException("mangaassist.slo.objective must be between 0 and 1, was " + objective);
        }
        alertWebhook = alertWebhook == null ? "" : alertWebhook.trim();
    }

    /** The share of requests allowed to miss the first-token objective. */
    public double errorBudget() {
        return 1 - objective;
    }
}
