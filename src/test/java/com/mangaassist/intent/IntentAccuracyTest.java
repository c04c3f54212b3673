package com.mangaassist.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import com.mangaassist.rag.EmbeddingService;
import com.mangaassist.pipeline.IntentResult;
import com.mangaassist.pipeline.Intent;

/** Accuracy of the rules + embedding classifier on the held-out dev set (test resources). */
class IntentAccuracyTest {

    private static IntentClassifier classifier;
    private static EmbeddingIntentClassifier embeddingOnly;

    @BeforeAll
    static void load() throws Exception {
        embeddingOnly = new EmbeddingIntentClassifier(new EmbeddingService(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        classifier = new IntentClassifier(embeddingOnly);
    }

    private static List<String[]> devSet() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = new ClassPathResource("intent/dev.tsv").getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t", 2));
                }
            }
        }
        return rows;
    }

    @Test
    void atLeastNinetyPercentOfTheDevSetIsClassifiedRight() throws Exception {
        List<String[]> dev = devSet();
        assertThat(dev).hasSizeGreaterThanOrEqualTo(250);
        int correct = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (String[] row : dev) {
            IntentResult result = classifier.classify(row[1]);
            if (result.intent().id().equals(row[0])) {
                correct++;
            } else {
                errors.merge(row[0] + " -> " + result.intent().id() + " (" + result.source() + "): " + row[1], 1,
                        Integer::sum);
            }
        }
        double accuracy = (double) correct / dev.size();
        System.out.printf("Intent accuracy on the dev set: %d/%d = %.1f%%%n", correct, dev.size(), accuracy * 100);
        errors.keySet().forEach(e -> System.out.println("  miss: " + e));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void theEmbeddingClassifierAloneDoesBetterThanChance() throws Exception {
        List<String[]> dev = devSet();
        long correct = dev.stream().filter(r -> embeddingOnly.classify(r[1]).intent().id().equals(r[0])).count();
        double accuracy = (double) correct / dev.size();
        System.out.printf("Embedding-only accuracy: %.1f%%%n", accuracy * 100);
        // ten classes: chance is 10%; the vectors carry real signal on their own
        assertThat(accuracy).isGreaterThan(0.6);
    }

    @Test
    void keywordFallbackAlwaysAnswersWithHalfConfidence() {
        assertThat(IntentClassifier.keywordFallback("where is my order 123?"))
                .isEqualTo(new IntentResult(Intent.ORDER_STATUS, 0.5, "keyword-fallback"));
        assertThat(IntentClassifier.keywordFallback("tell me a story"))
                .isEqualTo(new IntentResult(Intent.GENERAL, 0.5, "keyword-fallback"));
    }
}
