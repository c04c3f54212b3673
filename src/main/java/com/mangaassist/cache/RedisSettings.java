package com.mangaassist.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The Redis client's limits (host, port and command timeout are spring.data.redis.*).
 *
 * @param requestQueue commands queued per connection at most (more fail at once instead of waiting)
 * @param connectTimeout how long a connect attempt may take
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.redis")
public record RedisSettings(@Min(1) int requestQueue, @NotNull Duration connectTimeout) {
}
