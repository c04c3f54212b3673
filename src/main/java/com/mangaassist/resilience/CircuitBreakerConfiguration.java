package com.mangaassist.resilience;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The circuit breakers the YAML routes reference by name ({@code circuitBreaker: ragBreaker}),
 * one per external step, configured from {@link BreakerSettings} and bound in Camel's registry.
 * Their state and call counts are exported as {@code resilience4j_circuitbreaker_*} at
 * /actuator/prometheus (bound by camel-resilience4j-micrometer, which finds the registry by type);
 * Hawtio shows the same breakers as the routes' circuit-breaker processors (JMX attribute
 * CircuitBreakerState).
 */
@Configuration(proxyBeanMethods = false)
public class CircuitBreakerConfiguration {

    /** The guarded steps; step {@code llm-fallback} is bound as {@code llmFallbackBreaker}. */
    public static final List<String> STEPS = List.of("intent", "memory", "cache", "rag", "llm", "llm-fallback");

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakerConfiguration.class);

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        registry.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> LOG.warn("Circuit breaker {}: {}", event.getCircuitBreakerName(),
                        event.getStateTransition())));
        return registry;
    }

    @Bean
    CamelContextConfiguration circuitBreakerBindings(CircuitBreakerRegistry registry, BreakerSettings settings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                for (String step : STEPS) {
                    camelContext.getRegistry().bind(beanName(step),
                            registry.circuitBreaker(step, settings.breaker(step).toConfig()));
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once routes run
            }
        };
    }

    static String beanName(String step) {
        StringBuilder name = new StringBuilder();
        for (String part : step.split("-")) {
            name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.append("Breaker").toString();
    }
}
