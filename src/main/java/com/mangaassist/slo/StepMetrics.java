package com.mangaassist.slo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.StepTimings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records one step's duration: the timer {@code mangaassist.step.duration{step}}, and against the
 * step's budget the counter {@code mangaassist.step.budget.violations{step,severity}} (severity
 * {@code over} above the budget, {@code alarm} above twice the budget) with a warning log line.
 */
@Component("stepMetrics")
public class StepMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(StepMetrics.class);

    private final MeterRegistry registry;
    private final StepBudgets budgets;
    /** Looked up once per step name: a registry lookup per step per request showed in the bench's profile. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StepMetrics(MeterRegistry registry, StepBudgets budgets) {
        this.registry = registry;
        this.budgets = budgets;
    }

    /** A step of this request: in its timings (the done frame) and in the step metrics. */
    public void record(ChatRequest request, StepTimings timings, String step, long nanos) {
        timings.record(step, nanos);
        observe(request, step, nanos);
    }

    /** The step metrics only (a figure derived once the answer is done, such as the orchestration overhead). */
    public void observe(ChatRequest request, String step, long nanos) {
        timers.computeIfAbsent(step, name -> Timer.builder("mangaassist.step.duration")
                .description("Duration of each pipeline step")
                .tag("step", name)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        Duration budget = budgets.of(step);
        if (budget == null || nanos <= budget.toNanos()) {
            return;
        }
        String severity = nanos > 2 * budget.toNanos() ? "alarm" : "over";
        Counter.builder("mangaassist.step.budget.violations")
                .description("Steps that took longer than their budget (over) or twice their budget (alarm)")
                .tag("step", step)
                .tag("severity", severity)
                .register(registry)
                .increment();
        // a line per "over" would be one per request whenever a backend runs near its budget, written
        // synchronously by the thread that timed it (for the model's first token, a Vert.x event loop);
        // the counter has every violation, the log only the alarms
        LOG.atLevel("alarm".equals(severity) ? Level.WARN : Level.DEBUG).log("Budget {}: trace {} step {} took {} ms, budget {} ms",
                severity, request.traceId(), step, TimeUnit.NANOSECONDS.toMillis(nanos), budget.toMillis());
    }

    /** Edge: from the frame's arrival to the start of the pipeline (parsing, thread hand-off), less the time it waited for a place (the step queue). */
    public void edgeDone(ChatRequest request, StepTimings timings) {
        record(request, timings, "edge", System.nanoTime() - request.receivedAtNanos() - Math.max(0, timings.nanos("queue")));
    }
}
