package com.mangaassist.slo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The latency objective: first visible token within {@code firstToken} for {@code objective} of
 * requests (0.95: the SLO is "p95 under 2 s", an error budget of 5% slow requests) over
 * {@code budgetPeriod}; any answer within {@code hardDeadline}. Burn-rate alerts are evaluated every
 * {@code evaluateInterval} and, when {@code alertWebhook} is set, POSTed there in Alertmanager's format.
 */
@ConfigurationProperties(prefix = "mangaassist.slo")
public record SloSettings(Duration firstToken, Duration hardDeadline, Double objective, Duration budgetPeriod,
                          String alertWebhook) {

    public SloSettings {
        firstToken = firstToken == null ? Duration.ofMillis(2000) : firstToken;
        hardDeadline = hardDeadline == null ? Duration.ofMillis(3000) : hardDeadline;
        objective = objective == null ? 0.95 : objective;
        if (objective <= 0 || objective >= 1) {
            throw new IllegalArgumentException("mangaassist.slo.objective must be between 0 and 1, was " + objective);
        }
        budgetPeriod = budgetPeriod == null ? Duration.ofDays(30) : budgetPeriod;
        alertWebhook = alertWebhook == null ? "" : alertWebhook.trim();
    }

    /** The share of requests allowed to miss the first-token objective. */
    public double errorBudget() {
        return 1 - objective;
    }
}
