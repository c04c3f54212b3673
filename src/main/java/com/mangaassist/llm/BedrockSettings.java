package com.mangaassist.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bedrock runtime: {@code endpoint} blank = real Bedrock in {@code mangaassist.aws.region};
 * {@code modelId} is the Converse model id (a Claude model in the aws profile). The fallback model
 * answers when the primary gives no first token in time; {@code fallbackEndpoint} blank = the
 * primary's endpoint. {@code maxAttempts} = SDK attempts per call (1: no SDK retries, the
 * failover is the retry, so a throttled call never eats the first-token budget in backoff).
 */
@ConfigurationProperties(prefix = "mangaassist.bedrock")
public record BedrockSettings(String endpoint, String modelId, int maxConcurrency, Duration connectTimeout,
                              String fallbackEndpoint, String fallbackModelId, int maxAttempts) {

    public BedrockSettings {
        modelId = modelId == null ? "anthropic.claude-3-haiku-20240307-v1:0" : modelId;
        maxConcurrency = maxConcurrency <= 0 ? 500 : maxConcurrency;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        fallbackModelId = fallbackModelId == null || fallbackModelId.isBlank() ? modelId : fallbackModelId;
        maxAttempts = maxAttempts <= 0 ? 1 : maxAttempts;
    }
}
