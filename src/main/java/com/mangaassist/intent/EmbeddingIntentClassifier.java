package com.mangaassist.intent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.mangaassist.rag.EmbeddingService;
import com.mangaassist.rag.EmbeddingSnapshot;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.IntentResult;

/**
 * k-nearest-neighbour vote over MiniLM vectors of the labeled training messages
 * ({@code intent/training.tsv}): the k most similar examples vote, weighted by cosine similarity.
 */
@Component
public class EmbeddingIntentClassifier {

    private static final int K = 7;

    private record Example(Intent intent, float[] vector) {
    }

    private final EmbeddingService embeddings;
    private final List<Example> examples;

    public EmbeddingIntentClassifier(EmbeddingService embeddings) throws IOException {
        this(embeddings, (String) null);
    }

    @Autowired
    public EmbeddingIntentClassifier(EmbeddingService embeddings, IntentSettings settings) throws IOException {
        this(embeddings, settings.embeddingSnapshot());
    }

    /** @param snapshot optional file caching the training vectors ({@code mangaassist.intent.embedding-snapshot}) */
    EmbeddingIntentClassifier(EmbeddingService embeddings, String snapshot) throws IOException {
        this.embeddings = embeddings;
        List<Intent> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (InputStream in = new ClassPathResource("intent/training.tsv").getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                labels.add(Intent.fromId(parts[0]));
                texts.add(parts[1].trim());
            }
        }
        List<float[]> vectors = EmbeddingSnapshot.loadOrCompute(
                snapshot == null || snapshot.isBlank() ? null : Path.of(snapshot), texts, embeddings::embedAll);
        List<Example> loaded = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            loaded.add(new Example(labels.get(i), vectors.get(i)));
        }
        this.examples = List.copyOf(loaded);
    }

    public IntentResult classify(String text) {
        float[] query = embeddings.embed(text);
        double[] similarity = new double[examples.size()];
        Integer[] order = new Integer[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            similarity[i] = cosine(query, examples.get(i).vector());
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(similarity[b], similarity[a]));
        Map<Intent, Double> votes = new EnumMap<>(Intent.class);
        double total = 0;
        for (int n = 0; n < Math.min(K, order.length); n++) {
            double weight = Math.max(0, similarity[order[n]]);
            votes.merge(examples.get(order[n]).intent(), weight, Double::sum);
            total += weight;
        }
        var best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new IntentResult(best.getKey(), total == 0 ? 0 : best.getValue() / total, "embedding");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-12);
    }
}
