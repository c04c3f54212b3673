package com.mangaassist.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The model call's answer limits.
 *
 * @param maxTokens the longest answer asked of the model (burn-rate shedding lowers it: mangaassist.shedding.max-tokens)
 * @param cannedReserve time kept back from the first-token wait, so a canned answer still fits the hard deadline
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.llm")
public record LlmSettings(@Min(1) int maxTokens, @NotNull Duration cannedReserve) {
}
