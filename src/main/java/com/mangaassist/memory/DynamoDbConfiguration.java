package com.mangaassist.memory;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mangaassist.aws.AwsClientConfiguration;
import com.mangaassist.aws.AwsSettings;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

@Configuration(proxyBeanMethods = false)
public class DynamoDbConfiguration {

    /** The one DynamoDB client: beans use it directly and camel-aws2-ddb endpoints autowire it. */
    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(DynamoDbSettings settings, AwsSettings aws, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()))
                // the memory step's budget is 10 ms: fail fast rather than wait on a dead endpoint
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(500))
                        .socketTimeout(Duration.ofSeconds(2)));
        var endpoint = AwsClientConfiguration.endpointOverride("mangaassist.dynamodb.endpoint", settings.endpoint());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
