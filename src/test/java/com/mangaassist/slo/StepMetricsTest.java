package com.mangaassist.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatRequest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

@ExtendWith(OutputCaptureExtension.class)
class StepMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepMetrics metrics = new StepMetrics(registry,
            new StepBudgets(Map.of("intent", Duration.ofMillis(35), "rag", Duration.ofMillis(200))));
    private final ChatContext chat = new ChatContext(
            new ChatRequest("s", "r", "hi", "c", System.nanoTime(), System.currentTimeMillis(), "u"),
            "0af7651916cd43dd8448eb211c80319c");

    private double violations(String step, String severity) {
        var counter = registry.find("mangaassist.step.budget.violations").tags("step", step, "severity", severity).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void withinBudgetIsTimedButNotCounted() {
        metrics.record(chat, "intent", TimeUnit.MILLISECONDS.toNanos(35));
        assertThat(registry.get("mangaassist.step.duration").tag("step", "intent").timer().count()).isEqualTo(1);
        assertThat(violations("intent", "over") + violations("intent", "alarm")).isZero();
        assertThat(chat.getTimings()).containsEntry("intent", 35L);
    }

    @Test
    void overBudgetIsAViolationAndOverTwiceIsAnAlarm(CapturedOutput output) {
        metrics.record(chat, "intent", TimeUnit.MILLISECONDS.toNanos(36));
        metrics.record(chat, "intent", TimeUnit.MILLISECONDS.toNanos(70));
        metrics.record(chat, "intent", TimeUnit.MILLISECONDS.toNanos(71));
        metrics.record(chat, "rag", TimeUnit.MILLISECONDS.toNanos(450));
        assertThat(violations("intent", "over")).isEqualTo(2);
        assertThat(violations("intent", "alarm")).isEqualTo(1);
        assertThat(violations("rag", "alarm")).isEqualTo(1);
        assertThat(output).contains("Budget alarm: trace 0af7651916cd43dd8448eb211c80319c step rag took 450 ms, budget 200 ms")
                .contains("Budget over: trace 0af7651916cd43dd8448eb211c80319c step intent took 36 ms, budget 35 ms");
    }

    @Test
    void stepsWithoutABudgetAreOnlyTimed() {
        metrics.record(chat, "llm", TimeUnit.SECONDS.toNanos(5));
        assertThat(registry.find("mangaassist.step.budget.violations").counters()).isEmpty();
        assertThat(registry.get("mangaassist.step.duration").tag("step", "llm").timer().count()).isEqualTo(1);
    }

    @Test
    void orchestrationIsFirstTokenMinusTheCriticalPath() {
        Map<String, Long> t = Map.of("e2e_first_token", 500L, "edge", 2L, "intent", 5L, "memory", 9L, "cache", 1L,
                "rag", 40L, "context-assembly", 1L, "llm-first-token", 420L);
        assertThat(RequestLatencyMetrics.orchestrationMs(t, false)).isEqualTo(500 - (2 + 9 + 40 + 1 + 420));
        assertThat(RequestLatencyMetrics.orchestrationMs(Map.of("e2e_first_token", 15L, "edge", 2L, "cache", 3L), true))
                .isEqualTo(10);
    }
}
