package com.mangaassist.rag;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** OpenSearch connection: comma-separated host:port list, scheme, index names, startup wait. */
@ConfigurationProperties(prefix = "mangaassist.opensearch")
public record OpenSearchSettings(String hosts, String scheme, String productsIndex, String policiesIndex,
                                 Duration startupWait) {

    public OpenSearchSettings {
        hosts = hosts == null ? "127.0.0.1:9201" : hosts;
        scheme = scheme == null ? "http" : scheme;
        productsIndex = productsIndex == null ? "products" : productsIndex;
        policiesIndex = policiesIndex == null ? "store-policies" : policiesIndex;
        startupWait = startupWait == null ? Duration.ofSeconds(60) : startupWait;
    }
}
