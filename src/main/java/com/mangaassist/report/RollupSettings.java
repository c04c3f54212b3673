package com.mangaassist.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The hourly latency rollups each instance writes (the weekly report reads them).
 *
 * @param instanceId this instance's name in the rollup table; blank: host name and start time
 * @param flushIntervalMs how often the current hour is written
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.rollups")
public record RollupSettings(String instanceId, @Min(1) long flushIntervalMs) {
}
