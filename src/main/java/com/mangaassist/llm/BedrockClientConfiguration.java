package com.mangaassist.llm;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.mangaassist.aws.AwsClientConfiguration;
import com.mangaassist.aws.AwsSettings;

import io.vertx.core.Vertx;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
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
                                                        AwsCredentialsProvider credentials, Vertx chatVertx) {
        return client(settings, aws, credentials, chatVertx,
                AwsClientConfiguration.endpointOverride("mangaassist.bedrock.endpoint", settings.endpoint()));
    }

    /** The fallback model's own client when it has its own endpoint, else the primary's. */
    @Bean(destroyMethod = "close")
    BedrockRuntimeAsyncClient fallbackBedrockRuntimeAsyncClient(BedrockSettings settings, AwsSettings aws,
                                                                AwsCredentialsProvider credentials, Vertx chatVertx) {
        String endpoint = settings.fallbackEndpoint() == null || settings.fallbackEndpoint().isBlank()
                ? settings.endpoint() : settings.fallbackEndpoint();
        return client(settings, aws, credentials, chatVertx,
                AwsClientConfiguration.endpointOverride("mangaassist.bedrock.fallback-endpoint", endpoint));
    }

    @Bean
    ModelEndpoints modelEndpoints(BedrockSettings settings, BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient,
                                  BedrockRuntimeAsyncClient fallbackBedrockRuntimeAsyncClient) {
        return new ModelEndpoints(new ModelEndpoint("llm", bedrockRuntimeAsyncClient, settings.modelId()),
                new ModelEndpoint("llm-fallback", fallbackBedrockRuntimeAsyncClient, settings.fallbackModelId()));
    }

    /**
     * The model's stream is read on the chat server's own event loops (Vert.x's): a token delta that
     * arrives on the loop its shopper's WebSocket lives on is written there at once, instead of being
     * handed to that loop as a task (a thread wake-up per token): 3.5 ms less CPU per answer of about
     * 65 deltas (docs/performance.md). The SDK never closes a group it is given.
     */
    private static BedrockRuntimeAsyncClient client(BedrockSettings settings, AwsSettings aws,
                                                    AwsCredentialsProvider credentials, Vertx chatVertx, URI endpoint) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(SdkEventLoopGroup.create(chatVertx.nettyEventLoopGroup()))
                        // the JDK's resolver blocks: on a shared event loop a DNS lookup would stall every WebSocket on it
                        .useNonBlockingDnsResolver(true)
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
