package com.mangaassist.slo;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-step timeouts ({@code mangaassist.timeouts.<step>}, ms). A step gets
 * min(its timeout, time left until the request's hard deadline).
 */
@ConfigurationProperties(prefix = "mangaassist")
public record StepTimeouts(Map<String, Duration> timeouts) {

    public StepTimeouts {
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }

    /** The time a step may take now, for a request with {@code remainingMillis} left (never negative). */
    public long allowedMillis(String step, long remainingMillis) {
        Duration configured = timeouts.get(step);
        long own = configured == null ? Long.MAX_VALUE : configured.toMillis();
        return Math.max(0, Math.min(own, remainingMillis));
    }
}
