package com.mangaassist.resilience;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One circuit breaker per external step ({@code mangaassist.breakers.<name>.*}). Durations are
 * Spring durations ("250ms", "5s"): the YAML DSL's own options take whole seconds, too coarse for
 * steps whose budgets are milliseconds, so the routes reference breakers built from these.
 */
@ConfigurationProperties(prefix = "mangaassist")
public record BreakerSettings(Map<String, Breaker> breakers) {

    public BreakerSettings {
        breakers = breakers == null ? Map.of() : Map.copyOf(breakers);
    }

    public Breaker breaker(String name) {
        return breakers.getOrDefault(name, new Breaker(null, null, null, null, null, null, null));
    }

    /**
     * @param failureRateThreshold  percent of failed calls in the window that opens the breaker
     * @param slowCall              a call slower than this counts as slow
     * @param slowCallRateThreshold percent of slow calls that opens the breaker
     * @param minimumCalls          calls needed before the rates are judged
     * @param windowSize            the last N calls the rates are computed over
     * @param waitInOpen            how long the breaker stays open before letting trial calls through
     * @param halfOpenCalls         trial calls in half-open that decide between closing and reopening
     */
    public record Breaker(Float failureRateThreshold, Duration slowCall, Float slowCallRateThreshold,
                          Integer minimumCalls, Integer windowSize, Duration waitInOpen, Integer halfOpenCalls) {

        public Breaker {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            slowCall = slowCall == null ? Duration.ofSeconds(1) : slowCall;
            slowCallRateThreshold = slowCallRateThreshold == null ? 80f : slowCallRateThreshold;
            minimumCalls = minimumCalls == null ? 10 : minimumCalls;
            windowSize = windowSize == null ? 20 : windowSize;
            waitInOpen = waitInOpen == null ? Duration.ofSeconds(10) : waitInOpen;
            halfOpenCalls = halfOpenCalls == null ? 3 : halfOpenCalls;
        }

        CircuitBreakerConfig toConfig() {
            return CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(windowSize)
                    .minimumNumberOfCalls(minimumCalls)
                    .failureRateThreshold(failureRateThreshold)
                    .slowCallDurationThreshold(slowCall)
                    .slowCallRateThreshold(slowCallRateThreshold)
                    .waitDurationInOpenState(waitInOpen)
                    // open -> half-open on a timer, so a breaker recovers even when no request probes it
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                    .writableStackTraceEnabled(false)
                    .ignoreExceptions(DeadlineExceededException.class)
                    .build();
        }
    }
}
