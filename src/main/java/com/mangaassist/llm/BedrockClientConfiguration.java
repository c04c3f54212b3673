package com.mangaassist.llm;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.mangaassist.aws.AwsClientConfiguration;
import com.mangaassist.aws.AwsSettings;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;

@Configuration(proxyBeanMethods = false)
public class BedrockClientConfiguration {

    /**
     * The async client: ConverseStream delivers each text delta to a handler as it arrives, which
     * camel-aws-bedrock's producer cannot (it joins the whole stream first).
     */
    @Bean(destroyMethod = "close")
    @Primary
    BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient(BedrockSettings settings, AwsSettings aws,
                                                        AwsCredentialsProvider credentials) {
        return client(settings, aws, credentials,
                AwsClientConfiguration.endpointOverride("mangaassist.bedrock.endpoint", settings.endpoint()));
    }

    /** The fallback model's own client when it has its own endpoint, else the primary's. */
    @Bean(destroyMethod = "close")
    BedrockRuntimeAsyncClient fallbackBedrockRuntimeAsyncClient(BedrockSettings settings, AwsSettings aws,
                                                                AwsCredentialsProvider credentials) {
        String endpoint = settings.fallbackEndpoint() == null || settings.fallbackEndpoint().isBlank()
                ? settings.endpoint() : settings.fallbackEndpoint();
        return client(settings, aws, credentials,
                AwsClientConfiguration.endpointOverride("mangaassist.bedrock.fallback-endpoint", endpoint));
    }

    @Bean
    ModelEndpoints modelEndpoints(BedrockSettings settings, BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient,
                                  BedrockRuntimeAsyncClient fallbackBedrockRuntimeAsyncClient) {
        return new ModelEndpoints(new ModelEndpoint("llm", bedrockRuntimeAsyncClient, settings.modelId()),
                new ModelEndpoint("llm-fallback", fallbackBedrockRuntimeAsyncClient, settings.fallbackModelId()));
    }

    private static BedrockRuntimeAsyncClient client(BedrockSettings settings, AwsSettings aws,
                                                    AwsCredentialsProvider credentials, URI endpoint) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(settings.maxConcurrency())
                        .connectionTimeout(settings.connectTimeout()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The primary model and the one it fails over to. */
    public record ModelEndpoints(ModelEndpoint primary, ModelEndpoint fallback) {
    }
}
