package com.mangaassist.slo;

import java.time.Duration;
import java.util.Map;

import com.mangaassist.pipeline.ChatRequest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-step timeouts ({@code mangaassist.timeouts.<step>}, ms): each step's one time limit. The
 * model's first-token wait gets min(its timeout, time left until the request's hard deadline);
 * retrieval runs only while its whole limit fits in the time left.
 *
 * @param timeouts each step's time limit by step name (mangaassist.timeouts.&lt;step&gt;)
 */
@ConfigurationProperties(prefix = "mangaassist")
public record StepTimeouts(Map<String, Duration> timeouts) {

    public StepTimeouts {
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }

    /** The time a step may take now, for a request with {@code remainingMillis} left (never negative). */
    /** Whether the step's whole time limit still fits in the request's time left. */
    public boolean fits(ChatRequest request, String step) {
        Duration configured = timeouts.get(step);
        return configured == null || request.remainingMillis() >= configured.toMillis();
    }

    public long allowedMillis(String step, long remainingMillis) {
        Duration configured = timeouts.get(step);
        long own = configured == null ? Long.MAX_VALUE : configured.toMillis();
        return Math.max(0, Math.min(own, remainingMillis));
    }
}
