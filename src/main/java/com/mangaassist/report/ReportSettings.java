package com.mangaassist.report;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The weekly latency report.
 *
 * @param dir where each week's report is written (HTML and JSON)
 * @param cron when the previous ISO week's report is written (Spring cron, six fields)
 * @param currentWeekTtl how long the report of the week in progress is cached
 * @param maxAge how far back reports may be asked for
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.reports")
public record ReportSettings(@NotNull Path dir, @NotBlank String cron, @NotNull Duration currentWeekTtl,
                             @NotNull Duration maxAge) {
}
