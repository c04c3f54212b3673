package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The in-process embedding model.
 *
 * @param threads ONNX Runtime intra-op threads per query (1: the query runs on the calling thread,
 *                where the service's own concurrency limits apply; ORT's default pins one thread per core)
 * @param recentQueries query embeddings kept by text (a question is embedded by the intent step and
 *                      reused by retrieval; repeated questions are embedded once); 0 keeps none
 */
@Validated
@ConfigurationProperties(prefix = "mangaassist.embedding")
public record EmbeddingSettings(@Min(1) int threads, @Min(0) int recentQueries) {

    public static final EmbeddingSettings DEFAULTS = new EmbeddingSettings(1, 1024);
}
