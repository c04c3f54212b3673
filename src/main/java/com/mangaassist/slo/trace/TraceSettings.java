package com.mangaassist.slo.trace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The waterfalls kept in memory (the /traces pages).
 *
 * @param recentCapacity traces buffered until their request is known slow or in time
 * @param slowCapacity traces kept whose first token missed the SLO
 * @param maxSpans spans kept per trace
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.traces")
public record TraceSettings(@Min(1) int recentCapacity, @Min(1) int slowCapacity, @Min(1) int maxSpans) {
}
