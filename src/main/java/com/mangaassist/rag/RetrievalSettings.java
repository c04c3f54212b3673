package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Hybrid retrieval tuning: k-NN candidates, the k-NN boost against BM25, passages sent to the model. */
@ConfigurationProperties(prefix = "mangaassist.rag")
public record RetrievalSettings(int knnK, double knnBoost, int passages) {

    public RetrievalSettings {
        passages = passages <= 0 ? 5 : passages;
        // a series has up to 13 volumes: k must reach past one series to rank several
        knnK = knnK <= 0 ? 40 : knnK;
        knnBoost = knnBoost <= 0 ? 40 : knnBoost;
    }
}
