package com.mangaassist.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The analytics pool: answers counted off the critical path.
 *
 * @param threads the analytics pool's threads
 * @param queue records waiting at most; beyond it they are dropped and counted
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.analytics")
public record AnalyticsSettings(@Min(1) int threads, @Min(1) int queue) {
}
