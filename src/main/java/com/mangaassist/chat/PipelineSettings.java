package com.mangaassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The pipeline behind the ingress (routes/ingress.yaml admits requests with {@link PipelineAdmission}).
 *
 * @param maxInFlight requests admitted and not yet finished (admission to done frame) at most; one more is
 *                    refused at once with an overloaded error frame, nothing started or saved for it
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.pipeline")
public record PipelineSettings(@Min(1) int maxInFlight) {
}
