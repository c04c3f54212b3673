package com.mangaassist.slo.burn;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Burn-rate shedding: while a page-level burn-rate alert fires, requests drop optional work (level shed).
 *
 * @param enabled whether shedding is on
 * @param ragPassages passages retrieved for a shed request
 * @param maxTokens the longest answer asked of the model for a shed request
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.shedding")
public record SheddingSettings(boolean enabled, @Min(1) int ragPassages, @Min(1) int maxTokens) {
}
