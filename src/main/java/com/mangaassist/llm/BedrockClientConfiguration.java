package com.mangaassist.llm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mangaassist.aws.AwsClientConfiguration;
import com.mangaassist.aws.AwsSettings;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
    BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient(BedrockSettings settings, AwsSettings aws,
                                                        AwsCredentialsProvider credentials) {
        BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(settings.maxConcurrency())
                        .connectionTimeout(settings.connectTimeout()));
        var endpoint = AwsClientConfiguration.endpointOverride("mangaassist.bedrock.endpoint", settings.endpoint());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
