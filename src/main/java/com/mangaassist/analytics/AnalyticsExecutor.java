package com.mangaassist.analytics;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

/**
 * The analytics wireTap's own small pool, bound in Camel's registry as {@code analyticsPool}.
 * Analytics may be lost under overload (unlike turns and audit records): when its bounded queue is
 * full the work is dropped and counted in {@code mangaassist.analytics.dropped}, instead of slowing
 * the pipeline. (Not a Spring Executor bean: that would switch off Spring Boot's task executor.)
 */
@Component
public class AnalyticsExecutor implements CamelContextConfiguration {

    private final ThreadPoolExecutor pool;

    public AnalyticsExecutor(MeterRegistry meters,
                             @Value("${mangaassist.analytics.threads:2}") int threads,
                             @Value("${mangaassist.analytics.queue:1000}") int queue) {
        Counter dropped = Counter.builder("mangaassist.analytics.dropped")
                .description("Analytics records dropped because their queue was full").register(meters);
        pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread thread = new Thread(r, "analytics");
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> dropped.increment());
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getRegistry().bind("analyticsPool", pool);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once routes run
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}
