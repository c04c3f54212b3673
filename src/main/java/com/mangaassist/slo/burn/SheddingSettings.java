package com.mangaassist.slo.burn;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

/**
 * Shedding, one policy for two causes: while a page-level burn-rate alert fires, or while the pipeline
 * is nearly full of full requests, new requests drop optional work (level shed) before any has to be refused.
 *
 * @param enabled whether burn-rate shedding is on (while the page-fast alert fires)
 * @param loadEnabled whether load shedding is on (while full requests nearly fill the pipeline)
 * @param loadThreshold the share of the pipeline's in-flight limit taken by requests that do not shed from which new requests shed
 * @param ragPassages passages retrieved for a shed request
 * @param maxTokens the longest answer asked of the model for a shed request
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.shedding")
public record SheddingSettings(boolean enabled, boolean loadEnabled, @DecimalMin("0.0") double loadThreshold,
                               @Min(1) int ragPassages, @Min(1) int maxTokens) {
}
