package com.mangaassist.intent;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedding intent classifier.
 *
 * @param embeddingSnapshot a file caching the training examples' vectors (recomputed when any example changes);
 *                          blank: computed at every start
 */
@ConfigurationProperties(prefix = "mangaassist.intent")
public record IntentSettings(String embeddingSnapshot) {
}
