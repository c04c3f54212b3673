package com.mangaassist.rag;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Hybrid retrieval tuning: k-NN candidates and the boost that balances k-NN against BM25. */
@ConfigurationProperties(prefix = "mangaassist.rag")
public record RetrievalSettings(int knnK, double knnBoost) {

    public RetrievalSettings {
        // a series has up to 13 volumes: k must reach past one series to rank several
        knnK = knnK <= 0 ? 40 : knnK;
        knnBoost = knnBoost <= 0 ? 40 : knnBoost;
    }
}
