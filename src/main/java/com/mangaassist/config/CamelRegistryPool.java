package com.mangaassist.config;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;

import jakarta.annotation.PreDestroy;

/**
 * A pool of daemon threads (by default fixed, with a bounded queue), bound in Camel's registry under a name so
 * routes can reference it ({@code executorService: analyticsPool}). Not a Spring Executor bean:
 * that would switch off Spring Boot's own task executor.
 */
public abstract class CamelRegistryPool implements CamelContextConfiguration {

    private final String name;
    private final ThreadPoolExecutor pool;

    protected CamelRegistryPool(String name, int threads, int queue, RejectedExecutionHandler whenFull) {
        this(name, new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                DaemonThreads.named(name), whenFull));
    }

    protected CamelRegistryPool(String name, ThreadPoolExecutor pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getRegistry().bind(name, pool);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once routes run
    }

    /** How long a stop waits for queued tasks (none by default: work that may be lost). */
    protected java.time.Duration drainTimeout() {
        return java.time.Duration.ZERO;
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
