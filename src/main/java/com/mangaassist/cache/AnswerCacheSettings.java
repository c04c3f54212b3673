package com.mangaassist.cache;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Response cache: which intents may be cached, for how long, under which key prefix. *
 * @param intents intents whose answers are the same for every shopper (comma-separated ids)
 * @param ttl how long a cached answer is served
 * @param keyPrefix the Redis key prefix (a new version prefix drops every entry at once)
 */
@ConfigurationProperties(prefix = "mangaassist.cache")
public record AnswerCacheSettings(List<String> intents, Duration ttl, String keyPrefix) {

    public AnswerCacheSettings {
        intents = List.copyOf(intents);
    }
}
