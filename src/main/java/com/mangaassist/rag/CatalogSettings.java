package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the catalog comes from (Spring resource locations: classpath: or file:), whether it is
 * (re)indexed into OpenSearch at startup, and an optional file caching its embeddings.
 */
@ConfigurationProperties(prefix = "mangaassist.catalog")
public record CatalogSettings(String products, String policies, boolean indexOnStartup, String embeddingSnapshot) {

    public CatalogSettings {
        products = products == null ? "classpath:catalog/products.json" : products;
        policies = policies == null ? "classpath:catalog/policies.json" : policies;
    }
}
