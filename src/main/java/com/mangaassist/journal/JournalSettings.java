package com.mangaassist.journal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The durable journal of conversation turns and audit records DynamoDB did not take (docs/design.md,
 * "Never losing a turn").
 *
 * @param dir its directory (a persistent volume in Kubernetes)
 * @param maxEntries its bound: when full, new messages are refused (unavailable)
 * @param attempts direct tries before a write is journaled
 * @param backoff the first pause between tries (doubling)
 * @param replayInterval how often the journal is replayed
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.journal")
public record JournalSettings(@NotNull Path dir, @Min(1) int maxEntries, @Min(1) int attempts, @NotNull Duration backoff,
                              @NotNull Duration replayInterval) {
}
