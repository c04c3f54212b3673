package com.mangaassist.resilience;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The time-limit pools of the backend steps (BreakerTimeoutPools), one per step.
 *
 * @param pools by step name (memory, cache, rag)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.resilience")
public record PoolSettings(@NotNull Map<String, @Valid Pool> pools) {

    /**
     * @param threads calls of this step at once
     * @param queue calls waiting for a thread at most; beyond it a call is rejected (a breaker failure)
     */
    public record Pool(@Min(1) int threads, @Min(0) int queue) {
    }

    public Pool pool(String step) {
        Pool pool = pools.get(step);
        if (pool == null) {
            throw new IllegalStateException("mangaassist.resilience.pools." + step + ".threads and .queue are not set");
        }
        return pool;
    }
}
