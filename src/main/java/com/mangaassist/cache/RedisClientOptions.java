package com.mangaassist.cache;

import java.time.Duration;

import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

/**
 * Lettuce's defaults queue commands without limit while Redis is unreachable and wait for the
 * reconnect. A cache must fail fast instead: commands are rejected while disconnected (a miss),
 * the queue is bounded, and connecting gives up quickly.
 */
@Configuration(proxyBeanMethods = false)
public class RedisClientOptions {

    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastRedis(RedisSettings settings) {
        int requestQueue = settings.requestQueue();
        Duration connectTimeout = settings.connectTimeout();
        return builder -> builder.clientOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(requestQueue)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }
}
