package com.mangaassist.local;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.mangaassist.local.bedrock.BedrockStandIn;

/**
 * The local profile's backends, started in this process on loopback before anything uses them:
 * the clients connect lazily, and the provisioning runners (tables, indexes) run after these beans.
 * OpenSearch, the slowest, is started even earlier by {@link EarlyOpenSearchStarter}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
public class LocalBackendsConfiguration {

    @Bean
    static EarlyOpenSearchStarter earlyOpenSearchStarter() {
        return new EarlyOpenSearchStarter();
    }

    @Bean(destroyMethod = "stop")
    LocalDynamoDb localDynamoDb(LocalSettings settings) {
        return new LocalDynamoDb(settings.dynamodb().port(), settings.nativeLibraryPath(), settings.dynamodb().dbPath());
    }

    @Bean(destroyMethod = "stop")
    LocalRedis localRedis(LocalSettings settings) throws Exception {
        return new LocalRedis(settings.redis().port(), settings.redis().executable());
    }

    @Bean(destroyMethod = "stop")
    BedrockStandIn bedrockStandIn(LocalSettings settings) throws Exception {
        PortGuard.requireFree("mangaassist.local.bedrock.port", settings.bedrock().port());
        return new BedrockStandIn(settings.bedrock().port(), settings.bedrock().firstTokenDelay(),
                settings.bedrock().tokensPerSecond(), Clock.systemDefaultZone());
    }
}
