package com.mangaassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Phase 1 (routes/chat-pipeline.yaml reads this).
 *
 * @param timeoutMs how long the join waits for intent, memory and cache; a branch still running then is
 *                  reported as timed out and its result is dropped
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.phase1")
public record PhaseOneSettings(@Min(1) long timeoutMs) {
}
