package com.mangaassist.analytics;

import org.springframework.stereotype.Component;

import com.mangaassist.config.CamelRegistryPool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The analytics wireTap's own small pool, {@code analyticsPool}. Analytics may be lost under
 * overload (unlike turns and audit records): when its bounded queue is full the work is dropped and
 * counted in {@code mangaassist.analytics.dropped}, instead of slowing the pipeline.
 */
@Component
public class AnalyticsExecutor extends CamelRegistryPool {

    public AnalyticsExecutor(MeterRegistry meters, AnalyticsSettings settings) {
        super("analyticsPool", settings.threads(), settings.queue(), dropCounted(meters));
    }

    private static java.util.concurrent.RejectedExecutionHandler dropCounted(MeterRegistry meters) {
        Counter dropped = Counter.builder("mangaassist.analytics.dropped")
                .description("Analytics records dropped because their queue was full").register(meters);
        return (task, executor) -> dropped.increment();
    }
}
