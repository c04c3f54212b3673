package com.mangaassist;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Every test starts with closed, empty circuit breakers: the shared application context lives
 * across test classes, and a breaker opened by one test's injected fault must not decide another's.
 */
public class ResetBreakers implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(CircuitBreakerRegistry.class)
                .getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }
}
