package com.mangaassist.resilience;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.mangaassist.config.CamelRegistryPool;

/**
 * Runs the guarded steps of time-limited breakers (memory, cache, rag), {@code breakerTimeoutPool}:
 * the time limit turns a hung backend into a counted failure that opens the breaker, instead of a
 * call that never completes. Bounded: with every thread busy and the queue full a call is rejected,
 * which the breaker also counts as a failure.
 */
@Component
public class BreakerTimeoutPool extends CamelRegistryPool {

    public BreakerTimeoutPool(@Value("${mangaassist.resilience.timeout-threads:32}") int threads,
                              @Value("${mangaassist.resilience.timeout-queue:1000}") int queue) {
        super("breakerTimeoutPool", threads, queue, new ThreadPoolExecutor.AbortPolicy());
    }
}
