package com.mangaassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The pipeline behind the ingress (routes/ingress.yaml reads these).
 *
 * @param threads SEDA consumers running requests (a thread is busy only while a step works or waits for the
 *                model's first token; the rest of the stream is async)
 * @param queue requests waiting for a consumer at most; a full queue refuses with an overloaded error frame
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.pipeline")
public record PipelineSettings(@Min(1) int threads, @Min(1) int queue) {
}
