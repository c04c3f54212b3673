package com.mangaassist.rag;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** UP when the in-process model turns a sentence into a vector of the indexed dimension. */
@Component("embeddings")
public class EmbeddingHealthIndicator extends AbstractHealthIndicator {

    private final EmbeddingService embeddings;

    public EmbeddingHealthIndicator(EmbeddingService embeddings) {
        super("Embedding model failed");
        this.embeddings = embeddings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int dimensions = embeddings.embed("health check").length;
        builder.status(dimensions == EmbeddingService.DIMENSIONS ? "UP" : "DOWN")
                .withDetail("model", "all-MiniLM-L6-v2 (quantized)")
                .withDetail("dimensions", dimensions);
    }
}
