package com.mangaassist.rag;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) running in-process: no network call per query.
 * Timed ({@code mangaassist.embedding.duration}, and its CPU in {@code mangaassist.embedding.cpu}):
 * the model runs in native ONNX code, which a JFR profile does not see, so these tell its share of
 * the service's CPU. ONNX Runtime would otherwise start one worker thread per core of the machine and
 * pin each to its core, past any taskset or container CPU limit ({@link EmbeddingSettings}). Recent
 * query vectors are kept by text ({@link RecentEmbeddings}): the intent step and retrieval embed the
 * same question once.
 */
@Service
public class EmbeddingService {

    public static final int DIMENSIONS = 384;
    public static final String MODEL_ID = "all-MiniLM-L6-v2-q";

    private final EmbeddingModel model;
    private final Timer embedOne;
    private final Timer embedBatch;
    /** CPU the calling thread spent in the model (with one intra-op thread, all of the model's CPU). */
    private final Counter queryCpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final RecentEmbeddings recent;

    public EmbeddingService(MeterRegistry registry) {
        this(registry, EmbeddingSettings.DEFAULTS);
    }

    @Autowired
    public EmbeddingService(MeterRegistry registry, EmbeddingSettings settings) {
        OnnxBertBiEncoder encoder = load(settings.threads());
        recent = new RecentEmbeddings(settings.recentQueries());
        // embedAll's texts one after another on the calling thread too (the catalog job runs in the background)
        model = new AbstractInProcessEmbeddingModel(Runnable::run) {
            @Override
            protected OnnxBertBiEncoder model() {
                return encoder;
            }

            @Override
            protected Integer knownDimension() {
                return DIMENSIONS;
            }
        };
        embedOne = timer(registry, "query");
        embedBatch = timer(registry, "batch");
        queryCpu = Counter.builder("mangaassist.embedding.cpu").tag("kind", "query").baseUnit("seconds")
                .description("CPU time the embedding model took for shoppers' queries").register(registry);
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("mangaassist.embedding.duration").tag("kind", kind)
                .description("Time in the embedding model (native ONNX), per call").register(registry);
    }

    /** The model and tokenizer shipped in the langchain4j jar, in a session of {@code threads} intra-op threads. */
    private static OnnxBertBiEncoder load(int threads) {
        Class<?> jar = AllMiniLmL6V2QuantizedEmbeddingModel.class; // the class literal only: its own session never loads
        try (InputStream onnx = jar.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
             InputStream tokenizer = jar.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            return new OnnxBertBiEncoder(environment, environment.createSession(onnx.readAllBytes(), options), tokenizer,
                    PoolingMode.MEAN);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + MODEL_ID, e);
        }
    }

    /** The text's vector (shared with other callers of the same text: read it, never change it). */
    public float[] embed(String text) {
        float[] known = recent.get(text);
        if (known != null) {
            return known;
        }
        float[] vector = compute(text);
        recent.put(text, vector);
        return vector;
    }

    private float[] compute(String text) {
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try {
            return model.embed(text).content().vector();
        } finally {
            embedOne.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            queryCpu.increment((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
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
