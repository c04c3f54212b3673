package com.mangaassist.slo;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-step latency budgets ({@code mangaassist.budgets.<step>}, milliseconds). A step over its
 * budget is a violation; over twice its budget, an alarm.
 *
 * @param budgets each step's latency budget by step name (mangaassist.budgets.&lt;step&gt;)
 */
@ConfigurationProperties(prefix = "mangaassist")
public record StepBudgets(Map<String, Duration> budgets) {

    public StepBudgets {
        budgets = budgets == null ? Map.of() : Map.copyOf(new TreeMap<>(budgets));
    }

    /** The budget of a step, or null when it has none (it is timed but never "over"). */
    public Duration of(String step) {
        return budgets.get(step);
    }
}
