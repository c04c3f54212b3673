package com.mangaassist.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bedrock runtime: {@code endpoint} blank = real Bedrock in {@code mangaassist.aws.region};
 * {@code modelId} is the Converse model id (a Claude model in the aws profile).
 */
@ConfigurationProperties(prefix = "mangaassist.bedrock")
public record BedrockSettings(String endpoint, String modelId, int maxConcurrency, Duration connectTimeout) {

    public BedrockSettings {
        modelId = modelId == null ? "anthropic.claude-3-haiku-20240307-v1:0" : modelId;
        maxConcurrency = maxConcurrency <= 0 ? 500 : maxConcurrency;
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
    }
}
