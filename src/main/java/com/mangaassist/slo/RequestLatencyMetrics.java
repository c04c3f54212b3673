package com.mangaassist.slo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.StepTimings;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.slo.trace.WaterfallRecorder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * End-to-end latency per request: {@code mangaassist.e2e.first_token} and {@code mangaassist.e2e.total}
 * histograms with explicit buckets at 0.5, 1, 1.2, 1.5, 2 and 3 s (the 2 s bucket is the SLI), the
 * orchestration overhead as the {@code orchestrator} step, and {@code mangaassist.degraded{level}}.
 * A request whose first token came after the SLO keeps its waterfall ({@link WaterfallRecorder}).
 */
@Component("requestLatencyMetrics")
public class RequestLatencyMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(500), Duration.ofMillis(1000),
        Duration.ofMillis(1200), Duration.ofMillis(1500), Duration.ofMillis(2000), Duration.ofMillis(3000)};

    private final MeterRegistry registry;
    private final StepMetrics steps;
    private final WaterfallRecorder waterfalls;
    private final SloSettings slo;
    private final Timer firstToken;
    private final Timer total;

    public RequestLatencyMetrics(MeterRegistry registry, StepMetrics steps, WaterfallRecorder waterfalls,
                                 SloSettings slo) {
        this.registry = registry;
        this.steps = steps;
        this.waterfalls = waterfalls;
        this.slo = slo;
        this.firstToken = e2e("mangaassist.e2e.first_token", "From a message's arrival to its first visible token");
        this.total = e2e("mangaassist.e2e.total", "From a message's arrival to its done frame");
        // every level exported from the start at 0, so rate() and the dashboard see a series before the first incident
        Degradation.LEVELS.forEach(this::degraded);
    }

    private Counter degraded(String level) {
        return Counter.builder("mangaassist.degraded").description("Answers given in a degraded mode, by level")
                .tag("level", level).register(registry);
    }

    private Timer e2e(String name, String description) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(BUCKETS)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    public void record(ChatOutcome outcome) {
        Double first = outcome.timing(StepTimings.FIRST_TOKEN);
        Double all = outcome.timing(StepTimings.TOTAL);
        if (first != null) {
            firstToken.record(nanos(first), TimeUnit.NANOSECONDS);
            steps.observe(outcome.request(), "orchestrator", nanos(orchestrationMs(outcome.timings(), outcome.cached())));
        }
        if (all != null) {
            total.record(nanos(all), TimeUnit.NANOSECONDS);
        }
        if (first == null || first > slo.firstToken().toMillis()) {
            // first token after the SLO (or never): keep this request's whole waterfall
            waterfalls.keepSlow(outcome.request().traceId(), outcome.request().requestId(), first == null ? -1 : Math.round(first),
                    all == null ? -1 : Math.round(all));
        } else {
            waterfalls.discard(outcome.request().traceId());
        }
        if (!"full".equals(outcome.level())) {
            degraded(outcome.level()).increment();
        }
    }

    private static long nanos(double millis) {
        return Math.round(millis * 1_000_000);
    }

    /**
     * Time to first token not spent inside a step: first token minus the critical path of the
     * request's own steps (edge, the slowest phase-1 branch, then retrieval, context, model first token).
     */
    static double orchestrationMs(Map<String, Double> t, boolean cached) {
        double critical = t.getOrDefault("edge", 0.0)
                + Math.max(t.getOrDefault("intent", 0.0), Math.max(t.getOrDefault("memory", 0.0), t.getOrDefault("cache", 0.0)));
        if (!cached) {
            critical += t.getOrDefault("rag", 0.0) + t.getOrDefault("context-assembly", 0.0)
                    + t.getOrDefault("llm-first-token", 0.0);
        }
        return Math.max(0, t.get(StepTimings.FIRST_TOKEN) - critical);
    }
}
