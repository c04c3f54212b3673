package com.mangaassist.rag;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) running in-process: no network call per query.
 * Timed ({@code mangaassist.embedding.duration}): the model runs in native ONNX code, which a JFR
 * profile does not see, so this timer is what tells its share of the service's CPU.
 */
@Service
public class EmbeddingService {

    public static final int DIMENSIONS = 384;
    public static final String MODEL_ID = "all-MiniLM-L6-v2-q";

    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final Timer embedOne;
    private final Timer embedBatch;

    public EmbeddingService(MeterRegistry registry) {
        embedOne = Timer.builder("mangaassist.embedding.duration").tag("kind", "query")
                .description("Time in the embedding model (native ONNX), per call").register(registry);
        embedBatch = Timer.builder("mangaassist.embedding.duration").tag("kind", "batch")
                .description("Time in the embedding model (native ONNX), per call").register(registry);
    }

    public float[] embed(String text) {
        long start = System.nanoTime();
        try {
            return model.embed(text).content().vector();
        } finally {
            embedOne.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    public List<float[]> embedAll(List<String> texts) {
        long start = System.nanoTime();
        try {
            return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                    .map(e -> e.vector())
                    .toList();
        } finally {
            embedBatch.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
