package com.mangaassist.slo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The latency objective: first visible token within {@code firstToken} for {@code objective} of
 * requests over {@code budgetPeriod} (0.999: an error budget of 0.1% slow requests, which the
 * burn-rate alerts spend); any answer within {@code hardDeadline}. The product's promise, "p95 under
 * 2 s", is the SLA beside it ({@code slaPercentile} of first tokens within {@code firstToken}),
 * reported in the weekly report and on the dashboard, never alerted on as the objective: a budget
 * of 5% would let a third of requests be slow for hours before a page. Burn-rate alerts are evaluated every
 * {@code evaluateInterval} and, when {@code alertWebhook} is set, POSTed there in Alertmanager's format.
 *
 * @param firstToken the first-token objective (ms or a duration)
 * @param hardDeadline by when any answer (a degraded one) has started
 * @param objective the share of requests that must meet firstToken
 * @param budgetPeriod the error budget's period
 * @param evaluateIntervalMs how often the burn-rate tiers are evaluated
 * @param slaPercentile the percentile the SLA promises within firstToken (0.95: p95)
 * @param alertWebhook where firing and resolved alerts are POSTed (Alertmanager format); blank: none
 */
@ConfigurationProperties(prefix = "mangaassist.slo")
public record SloSettings(Duration firstToken, Duration hardDeadline, Double objective, Duration budgetPeriod,
                          long evaluateIntervalMs, Double slaPercentile, String alertWebhook) {

    public SloSettings {
        if (objective == null || objective <= 0 || objective >= 1) {
            throw new IllegalArgumentException("mangaassist.slo.objective must be between 0 and 1, was " + objective);
        }
        if (slaPercentile == null || slaPercentile <= 0 || slaPercentile >= 1) {
            throw new IllegalArgumentException("mangaassist.slo.sla-percentile must be between 0 and 1, was " + slaPercentile);
        }
        alertWebhook = alertWebhook == null ? "" : alertWebhook.trim();
    }

    /** The share of requests allowed to miss the first-token objective. */
    public double errorBudget() {
        return 1 - objective;
    }
}
