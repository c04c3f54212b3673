package com.mangaassist.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bedrock runtime: {@code endpoint} blank = real Bedrock in {@code mangaassist.aws.region};
 * {@code modelId} is the Converse model id (a Claude model in the aws profile). The fallback model
 * answers when the primary gives no first token in time; {@code fallbackEndpoint} blank = the
 * primary's endpoint. {@code maxAttempts} = SDK attempts per call (1: no SDK retries, the
 * failover is the retry, so a throttled call never eats the first-token budget in backoff).
 *
 * @param endpoint endpoint override; blank: Bedrock in mangaassist.aws.region
 * @param modelId the primary Converse model id
 * @param maxConcurrency streams open at once at most (the SDK client's connection limit)
 * @param connectTimeout how long a connection attempt may take
 * @param fallbackEndpoint the fallback model's endpoint; blank: the primary's
 * @param fallbackModelId the fallback model id; blank: the primary's model
 * @param maxAttempts SDK attempts per call (1: the failover is the retry)
 */
@ConfigurationProperties(prefix = "mangaassist.bedrock")
public record BedrockSettings(String endpoint, String modelId, int maxConcurrency, Duration connectTimeout,
                              String fallbackEndpoint, String fallbackModelId, int maxAttempts) {

    public BedrockSettings {
        // blank: the fallback endpoint serves the primary's model
        fallbackModelId = fallbackModelId == null || fallbackModelId.isBlank() ? modelId : fallbackModelId;
    }
}
