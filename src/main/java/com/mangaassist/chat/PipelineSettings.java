package com.mangaassist.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The pipeline behind the ingress (routes/ingress.yaml admits requests with {@link PipelineAdmission}).
 *
 * @param maxInFlight  requests admitted and not yet finished (admission to done frame) at most: the ceiling
 *                     of the adaptive limit (and what phase 1's pool is sized for)
 * @param minInFlight  the adaptive limit's floor (at most maxInFlight)
 * @param queueMaxWait how long a request may wait for a place at most (its sojourn bound); less when the
 *                     recent time to a first token would take it past the first-token objective. Then,
 *                     or with the queue full, it gets an overloaded frame; nothing was started or saved for it
 * @param queueMaxSize requests waiting for a place at most
 * @param retryAfter   the retryAfterMs an overloaded frame suggests
 * @param firstTokenTarget an admitted request's time to its first frame above which the limit shrinks, however
 *                     usual that time has become (set it above the model's normal time to a first token)
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.pipeline")
public record PipelineSettings(@Min(1) int maxInFlight, @Min(1) int minInFlight, @NotNull Duration queueMaxWait,
                               @Min(0) int queueMaxSize, @NotNull Duration retryAfter,
                               @NotNull Duration firstTokenTarget) {
}
