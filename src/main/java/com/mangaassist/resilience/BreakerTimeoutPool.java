package com.mangaassist.resilience;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Runs the guarded steps of time-limited breakers (memory, cache, rag), bound in Camel's registry
 * as {@code breakerTimeoutPool}: the time limit turns a hung backend into a counted failure that
 * opens the breaker, instead of a call that never completes. Bounded: with every thread busy and
 * the queue full a call is rejected, which the breaker also counts as a failure.
 * (Not a Spring Executor bean: that would switch off Spring Boot's task executor.)
 */
@Component
public class BreakerTimeoutPool implements CamelContextConfiguration {

    private final ThreadPoolExecutor pool;

    public BreakerTimeoutPool(@Value("${mangaassist.resilience.timeout-threads:32}") int threads,
                              @Value("${mangaassist.resilience.timeout-queue:1000}") int queue) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread thread = new Thread(r, "breaker-timeout-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getRegistry().bind("breakerTimeoutPool", pool);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once routes run
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
