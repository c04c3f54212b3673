package com.mangaassist.slo.burn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.StepTimings;
import com.mangaassist.slo.SloSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The first-token SLO for this instance: every accepted request, counted once when it ends, is good
 * (its first token within the objective; a canned or degraded answer's token counts) or bad (a late
 * token, or none: refused as overloaded, failed), counted in minute buckets (3 days) and hour buckets
 * (the budget period), so memory stays fixed. The same requests go to
 * {@code mangaassist.chat.requests} (tag outcome), the fleet SLI's denominator
 * (k8s/prometheus/mangaassist-slo-rule.yaml). {@link #evaluate()} (a timer route) checks the four
 * multi-window burn-rate tiers of docs/design.md and fires or resolves alerts. Burn rate = bad share of requests
 * over a window / error budget share.
 */
@Component("sloMonitor")
public class SloMonitor {

    public static final List<BurnRateTier> TIERS = List.of(
            new BurnRateTier("page-fast", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
            new BurnRateTier("page-slow", "page", Duration.ofHours(6), Duration.ofMinutes(30), 6),
            new BurnRateTier("ticket-fast", "ticket", Duration.ofDays(1), Duration.ofHours(2), 3),
            new BurnRateTier("ticket-slow", "ticket", Duration.ofDays(3), Duration.ofHours(6), 1));

    /** The windows the tiers use, exported as burn-rate gauges. */
    public static final Map<String, Duration> WINDOWS = windows();

    /** How an accepted request ended: the tag of {@code mangaassist.chat.requests}. */
    public static final List<String> OUTCOMES = List.of("answered", "overloaded", "failed");

    private static final Duration FINE_SPAN = Duration.ofDays(3);

    private final Clock clock;
    private final SloSettings slo;
    private final AlertNotifier notifier;
    private final SliCounts minutes = new SliCounts(Duration.ofMinutes(1), FINE_SPAN);
    private final SliCounts hours;
    private final Map<String, Instant> firingSince = new LinkedHashMap<>();
    private final Map<String, Counter> requests = new LinkedHashMap<>();

    @Autowired
    public SloMonitor(SloSettings slo, MeterRegistry meters) {
        this(slo, meters, Clock.systemUTC(), new AlertNotifier(meters, slo.alertWebhook()));
    }

    public SloMonitor(SloSettings slo, MeterRegistry meters, Clock clock, AlertNotifier notifier) {
        this.slo = slo;
        this.clock = clock;
        this.notifier = notifier;
        this.hours = new SliCounts(Duration.ofHours(1), slo.budgetPeriod());
        for (String outcome : OUTCOMES) {
            requests.put(outcome, Counter.builder("mangaassist.chat.requests")
                    .description("Accepted chat messages, counted once when they end: the first-token SLI's denominator")
                    .tag("outcome", outcome).register(meters));
        }
        WINDOWS.forEach((name, window) -> Gauge.builder("mangaassist.slo.burn_rate", this, m -> m.burnRate(window))
                .description("First-token error budget burn rate over the window (1 = exactly on budget)")
                .tag("window", name).register(meters));
        Gauge.builder("mangaassist.slo.error_budget_remaining", this, SloMonitor::errorBudgetRemaining)
                .description("Share of the budget period's first-token error budget still unspent").register(meters);
        for (BurnRateTier tier : TIERS) {
            Gauge.builder("mangaassist.slo.alert_active", this, m -> m.isFiring(tier.name()) ? 1 : 0)
                    .description("1 while the burn-rate alert is firing").tag("alert", tier.name())
                    .tag("severity", tier.severity()).register(meters);
        }
    }

    /** One answered request (the pipeline's record-slo-sample step). */
    public void recordOutcome(ChatOutcome outcome) {
        requests.get("answered").increment();
        Double first = outcome.timing(StepTimings.FIRST_TOKEN);
        record(first == null ? null : (Long) Math.round(first));
    }

    /**
     * One accepted request that ended without an answer ({@code outcome}: overloaded, failed; the
     * error handlers of errors.yaml): bad, and counted, so an outage reads as 100% slow, not as no data.
     */
    public void recordUnanswered(String outcome) {
        Counter counter = requests.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("Unknown request outcome " + outcome + "; one of " + requests.keySet());
        }
        counter.increment();
        record(null);
    }

    /** One request's SLO sample; {@code firstTokenMs} null = no token ever (counts as slow). */
    public synchronized void record(Long firstTokenMs) {
        boolean bad = firstTokenMs == null || firstTokenMs < 0 || firstTokenMs > slo.firstToken().toMillis();
        long now = clock.millis();
        minutes.add(now, bad);
        hours.add(now, bad);
    }

    public synchronized double burnRate(Duration window) {
        long[] counts = (window.compareTo(FINE_SPAN) <= 0 ? minutes : hours).window(clock.millis(), window);
        return counts[0] == 0 ? 0 : ((double) counts[1] / counts[0]) / slo.errorBudget();
    }

    /** 1 = untouched, 0 = spent, negative = overspent, over the budget period. */
    public synchronized double errorBudgetRemaining() {
        long[] counts = hours.window(clock.millis(), slo.budgetPeriod());
        return counts[0] == 0 ? 1 : 1 - ((double) counts[1] / counts[0]) / slo.errorBudget();
    }

    public synchronized boolean isFiring(String tier) {
        return firingSince.containsKey(tier);
    }

    /** Checks every tier: both windows above the threshold fires it, either below resolves it. */
    public synchronized void evaluate() {
        Instant now = clock.instant();
        for (BurnRateTier tier : TIERS) {
            double longBurn = burnRate(tier.longWindow());
            double shortBurn = burnRate(tier.shortWindow());
            boolean burning = longBurn > tier.threshold() && shortBurn > tier.threshold();
            Instant since = firingSince.get(tier.name());
            if (burning && since == null) {
                firingSince.put(tier.name(), now);
                notifier.fired(tier, now, longBurn, shortBurn);
            } else if (!burning && since != null) {
                firingSince.remove(tier.name());
                notifier.resolved(tier, since, now, longBurn, shortBurn);
            }
        }
    }

    /** What {@code GET /api/slo} returns. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objective", slo.objective());
        body.put("firstTokenMs", slo.firstToken().toMillis());
        body.put("budgetPeriod", slo.budgetPeriod().toString());
        body.put("errorBudgetRemaining", errorBudgetRemaining());
        Map<String, Object> burn = new LinkedHashMap<>();
        WINDOWS.forEach((name, window) -> burn.put(name, burnRate(window)));
        body.put("burnRates", burn);
        List<Map<String, Object>> alerts = TIERS.stream().map(tier -> {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("name", tier.name());
            alert.put("severity", tier.severity());
            alert.put("longWindow", tier.longWindow().toString());
            alert.put("shortWindow", tier.shortWindow().toString());
            alert.put("threshold", tier.threshold());
            alert.put("firing", firingSince.containsKey(tier.name()));
            alert.put("since", firingSince.containsKey(tier.name()) ? firingSince.get(tier.name()).toString() : null);
            return alert;
        }).toList();
        body.put("alerts", alerts);
        return body;
    }

    private static Map<String, Duration> windows() {
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("5m", Duration.ofMinutes(5));
        windows.put("30m", Duration.ofMinutes(30));
        windows.put("1h", Duration.ofHours(1));
        windows.put("2h", Duration.ofHours(2));
        windows.put("6h", Duration.ofHours(6));
        windows.put("1d", Duration.ofDays(1));
        windows.put("3d", Duration.ofDays(3));
        return java.util.Collections.unmodifiableMap(windows);
    }
}
