package com.mangaassist.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The circuit breakers the YAML routes reference by name ({@code circuitBreaker: ragBreaker}),
 * one per external step, configured from {@link BreakerSettings}. Their state and call counts
 * are exported as {@code resilience4j_circuitbreaker_*} at /actuator/prometheus (bound by
 * camel-resilience4j-micrometer); Hawtio shows the same breakers as the routes' circuit-breaker
 * processors (JMX attribute CircuitBreakerState).
 */
@Configuration(proxyBeanMethods = false)
public class CircuitBreakerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakerConfiguration.class);

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        // camel-resilience4j-micrometer binds this registry's meters (it finds it by type)
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> LOG.warn("Circuit breaker {}: {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
        return registry;
    }

    @Bean
    CircuitBreaker intentBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "intent");
    }

    @Bean
    CircuitBreaker memoryBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "memory");
    }

    @Bean
    CircuitBreaker cacheBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "cache");
    }

    @Bean
    CircuitBreaker ragBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "rag");
    }

    @Bean
    CircuitBreaker llmBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "llm");
    }

    @Bean
    CircuitBreaker llmFallbackBreaker(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return breaker(registry, settings, "llm-fallback");
    }

    private static CircuitBreaker breaker(CircuitBreakerRegistry registry, BreakerSettings settings, String name) {
        return registry.circuitBreaker(name, settings.breaker(name).toConfig());
    }
}
