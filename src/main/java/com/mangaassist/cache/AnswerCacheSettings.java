package com.mangaassist.cache;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Response cache: which intents may be cached, for how long, under which key prefix. */
@ConfigurationProperties(prefix = "mangaassist.cache")
public record AnswerCacheSettings(List<String> intents, Duration ttl, String keyPrefix) {

    public AnswerCacheSettings {
        intents = intents == null ? List.of("return_policy", "shipping", "store_policy", "preorder", "price_check",
                "product_search") : List.copyOf(intents);
        ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
        keyPrefix = keyPrefix == null ? "mangaassist:answer:v1:" : keyPrefix;
    }
}
