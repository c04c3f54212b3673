package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.StepTimings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

@ExtendWith(OutputCaptureExtension.class)
class StepMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepMetrics metrics = new StepMetrics(registry,
            new StepBudgets(Map.of("intent", Duration.ofMillis(35), "rag", Duration.ofMillis(200))));
    private final ChatRequest request = new ChatRequest("s", "r", "hi", "c", System.nanoTime(), System.currentTimeMillis(), "u")
            .admitted("0af7651916cd43dd8448eb211c80319c", Long.MAX_VALUE);
    private final StepTimings timings = new StepTimings();

    private double violations(String step, String severity) {
        var counter = registry.find("mangaassist.step.budget.violations").tags("step", step, "severity", severity).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void withinBudgetIsTimedButNotCounted() {
        metrics.record(request, timings, "intent", TimeUnit.MILLISECONDS.toNanos(35));
        assertThat(registry.get("mangaassist.step.duration").tag("step", "intent").timer().count()).isEqualTo(1);
        assertThat(violations("intent", "over") + violations("intent", "alarm")).isZero();
        assertThat(timings.toMillis()).containsEntry("intent", 35.0);
    }

    @Test
    void overBudgetIsAViolationAndOverTwiceIsAnAlarm(CapturedOutput output) {
        metrics.record(request, timings, "intent", TimeUnit.MILLISECONDS.toNanos(36));
        metrics.record(request, timings, "intent", TimeUnit.MILLISECONDS.toNanos(70));
        metrics.record(request, timings, "intent", TimeUnit.MILLISECONDS.toNanos(71));
        metrics.record(request, timings, "rag", TimeUnit.MILLISECONDS.toNanos(450));
        assertThat(violations("intent", "over")).isEqualTo(2);
        assertThat(violations("intent", "alarm")).isEqualTo(1);
        assertThat(violations("rag", "alarm")).isEqualTo(1);
        // alarms are logged; a step merely over its budget is only counted (DEBUG)
        assertThat(output).contains("Budget alarm: trace 0af7651916cd43dd8448eb211c80319c step rag took 450 ms, budget 200 ms")
                .doesNotContain("Budget over");
    }

    @Test
    void stepsWithoutABudgetAreOnlyTimed() {
        metrics.record(request, timings, "llm", TimeUnit.SECONDS.toNanos(5));
        assertThat(registry.find("mangaassist.step.budget.violations").counters()).isEmpty();
        assertThat(registry.get("mangaassist.step.duration").tag("step", "llm").timer().count()).isEqualTo(1);
    }

    @Test
    void orchestrationIsFirstTokenMinusTheCriticalPath() {
        Map<String, Double> t = Map.of("e2e_first_token", 500.0, "edge", 2.0, "intent", 5.0, "memory", 9.5, "cache", 1.0,
                "rag", 40.0, "context-assembly", 1.0, "llm-first-token", 420.0);
        assertThat(RequestLatencyMetrics.orchestrationMs(t, false)).isEqualTo(500 - (2 + 9.5 + 40 + 1 + 420));
        assertThat(RequestLatencyMetrics.orchestrationMs(Map.of("e2e_first_token", 15.0, "edge", 2.0, "cache", 3.0), true))
                .isEqualTo(10.0);
    }
}
