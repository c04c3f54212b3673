package com.mangaassist.resilience;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mangaassist.config.CamelRegistryPool;

/**
 * One pool per time-limited breaker step (memoryTimeoutPool, cacheTimeoutPool, ragTimeoutPool):
 * the time limit turns a hung backend into a counted failure that opens the breaker, but the hung
 * call still holds its thread until the client gives up. Separate pools are bulkheads: a frozen
 * Redis fills only the cache pool, and DynamoDB reads never queue behind it. A full pool rejects
 * the call, which the breaker counts as a failure.
 */
@Configuration(proxyBeanMethods = false)
public class BreakerTimeoutPools {

    @Bean
    StepPool memoryTimeoutPool(PoolSettings settings) {
        return StepPool.forStep("memory", settings);
    }

    @Bean
    StepPool cacheTimeoutPool(PoolSettings settings) {
        return StepPool.forStep("cache", settings);
    }

    @Bean
    StepPool ragTimeoutPool(PoolSettings settings) {
        return StepPool.forStep("rag", settings);
    }

    /** The pool of one step, sized by {@code mangaassist.resilience.pools.<step>.threads} and {@code .queue}. */
    public static final class StepPool extends CamelRegistryPool {

        private StepPool(String name, int threads, int queue) {
            super(name, threads, queue, new ThreadPoolExecutor.AbortPolicy());
        }

        static StepPool forStep(String step, PoolSettings settings) {
            PoolSettings.Pool pool = settings.pool(step);
            return new StepPool(step + "TimeoutPool", pool.threads(), pool.queue());
        }
    }
}
