package com.mangaassist.resilience;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One circuit breaker per external step: {@code mangaassist.breaker-defaults.*}, and per breaker
 * what differs ({@code mangaassist.breakers.<name>.*}). Durations are Spring durations ("250ms",
 * "5s"): the YAML DSL's own options take whole seconds, too coarse for steps whose budgets are
 * milliseconds, so the routes reference breakers built from these.
 *
 * @param breakerDefaults every breaker's settings unless its own say otherwise
 * @param breakers each breaker's own settings, by name (intent, memory, cache, rag, llm, llm-fallback)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist")
public record BreakerSettings(@NotNull Breaker breakerDefaults, Map<String, Breaker> breakers) {

    public BreakerSettings {
        breakers = breakers == null ? Map.of() : Map.copyOf(breakers);
    }

    /** The breaker's own settings over the defaults. */
    public Breaker breaker(String name) {
        Breaker own = breakers.get(name);
        return own == null ? breakerDefaults : own.over(breakerDefaults);
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

        /** These settings, each unset one taken from {@code defaults}. */
        Breaker over(Breaker defaults) {
            return new Breaker(or(failureRateThreshold, defaults.failureRateThreshold), or(slowCall, defaults.slowCall),
                    or(slowCallRateThreshold, defaults.slowCallRateThreshold), or(minimumCalls, defaults.minimumCalls),
                    or(windowSize, defaults.windowSize), or(waitInOpen, defaults.waitInOpen),
                    or(halfOpenCalls, defaults.halfOpenCalls));
        }

        private static <T> T or(T own, T fallback) {
            return own == null ? fallback : own;
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
