package com.mangaassist.llm;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/** A model the pipeline can stream from: its step name ("llm", "llm-fallback"), client and model id. */
public record ModelEndpoint(String step, BedrockRuntimeAsyncClient client, String modelId) {
}
