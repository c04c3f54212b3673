package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the catalog comes from (Spring resource locations: classpath: or file:), whether it is
 * (re)indexed into OpenSearch at startup, and an optional file caching its embeddings.
 *
 * @param products the product catalog (a Spring resource location)
 * @param policies the store policies
 * @param indexOnStartup embed and index the catalog at startup (the local backends do it; tests for their own indexes)
 * @param embeddingSnapshot a file caching the catalog's vectors (recomputed when any text changes); blank: off
 * @param moodGenres audience and mood words and the genres they mean (retrieval boosts those genres)
 * @param seriesAliases other names shoppers give a series (jjk, aot), for finding the series a question names
 */
@ConfigurationProperties(prefix = "mangaassist.catalog")
public record CatalogSettings(String products, String policies, boolean indexOnStartup, String embeddingSnapshot,
                              String moodGenres, String seriesAliases) {

}
