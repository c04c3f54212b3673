package com.mangaassist.memory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Conversation memory.
 *
 * @param turns the latest turns of a session read for each message (and put in the prompt)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.memory")
public record MemorySettings(@Min(0) int turns) {
}
