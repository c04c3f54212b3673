package com.mangaassist.slo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;

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

    public StepMetrics(MeterRegistry registry, StepBudgets budgets) {
        this.registry = registry;
        this.budgets = budgets;
    }

    public void record(ChatContext chat, String step, long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        chat.recordTiming(step, millis);
        Timer.builder("mangaassist.step.duration")
                .description("Duration of each pipeline step")
                .tag("step", step)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
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
        LOG.warn("Budget {}: trace {} step {} took {} ms, budget {} ms", severity, chat.getTraceId(), step, millis,
                budget.toMillis());
    }

    /** Edge: from the frame's arrival to the start of the pipeline (parsing, thread hand-off). */
    public void edgeDone(ChatContext chat) {
        record(chat, "edge", System.nanoTime() - chat.getRequest().receivedAtNanos());
    }
}
