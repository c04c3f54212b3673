package com.mangaassist.resilience;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
    StepPool memoryTimeoutPool(Environment environment) {
        return StepPool.forStep("memory", environment);
    }

    @Bean
    StepPool cacheTimeoutPool(Environment environment) {
        return StepPool.forStep("cache", environment);
    }

    @Bean
    StepPool ragTimeoutPool(Environment environment) {
        return StepPool.forStep("rag", environment);
    }

    /** The pool of one step, sized by {@code mangaassist.resilience.pools.<step>.threads} and {@code .queue}. */
    public static final class StepPool extends CamelRegistryPool {

        private StepPool(String name, int threads, int queue) {
            super(name, threads, queue, new ThreadPoolExecutor.AbortPolicy());
        }

        static StepPool forStep(String step, Environment environment) {
            String prefix = "mangaassist.resilience.pools." + step;
            return new StepPool(step + "TimeoutPool",
                    environment.getRequiredProperty(prefix + ".threads", Integer.class),
                    environment.getRequiredProperty(prefix + ".queue", Integer.class));
        }
    }
}
