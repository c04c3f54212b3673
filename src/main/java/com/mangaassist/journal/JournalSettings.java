package com.mangaassist.journal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The durable journal of conversation turns and audit records DynamoDB did not take (docs/design.md,
 * "Never losing a turn").
 *
 * @param dir its directory (a persistent volume per replica in Kubernetes)
 * @param maxSize its bound in bytes: when this much waits, new messages are refused (unavailable); keep it well
 *     inside the volume
 * @param attempts direct tries before a write is journaled
 * @param backoff the first pause between tries (doubling)
 * @param replayInterval how often the journal is replayed
 * @param drainTimeout how long a graceful stop keeps replaying the journal to DynamoDB before it closes the file
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.journal")
public record JournalSettings(@NotNull Path dir, @NotNull DataSize maxSize, @Min(1) int attempts, @NotNull Duration backoff,
                              @NotNull Duration replayInterval, @NotNull Duration drainTimeout) {
}
