package com.mangaassist.journal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The saves' own pool ({@code savePool}): conversation turns and audit records, off the threads that
 * stream answers, so a slow or hung DynamoDB never delays a token or a {@code done} frame.
 *
 * @param threads the save pool's threads (a save waits on DynamoDB or on the journal's fsync)
 * @param queue saves waiting at most; beyond it a save runs on the thread that asked (never dropped)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.saves")
public record SaveSettings(@Min(1) int threads, @Min(1) int queue) {
}
