package com.mangaassist.rag;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OpenSearch connection: comma-separated host:port list, scheme, index names, startup wait, and
 * how long a request may wait for its response (a hung node frees the calling thread after it).
 */
@ConfigurationProperties(prefix = "mangaassist.opensearch")
public record OpenSearchSettings(String hosts, String scheme, String productsIndex, String policiesIndex,
                                 Duration startupWait, Duration responseTimeout) {

    public OpenSearchSettings {
        hosts = hosts == null ? "127.0.0.1:9201" : hosts;
        scheme = scheme == null ? "http" : scheme;
        productsIndex = productsIndex == null ? "products" : productsIndex;
        policiesIndex = policiesIndex == null ? "store-policies" : policiesIndex;
        startupWait = startupWait == null ? Duration.ofSeconds(60) : startupWait;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
    }
}
