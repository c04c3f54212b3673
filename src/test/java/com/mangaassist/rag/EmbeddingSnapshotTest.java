package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingSnapshotTest {

    @TempDir
    Path dir;

    private final AtomicInteger computations = new AtomicInteger();
    private final Function<List<String>, List<float[]>> fakeModel = texts -> {
        computations.incrementAndGet();
        return texts.stream().map(t -> new float[] {t.length(), t.hashCode(), 0.5f}).toList();
    };

    @Test
    void reusesVectorsOnlyForExactlyTheSameTexts() throws Exception {
        Path file = dir.resolve("vectors.bin");
        List<String> texts = List.of("One Piece, Vol. 1", "Returns and Refunds");

        List<float[]> first = EmbeddingSnapshot.loadOrCompute(file, texts, fakeModel);
        List<float[]> second = EmbeddingSnapshot.loadOrCompute(file, texts, fakeModel);
        assertThat(computations).hasValue(1);
        assertThat(second).usingRecursiveComparison().isEqualTo(first);

        List<float[]> edited = EmbeddingSnapshot.loadOrCompute(file, List.of("One Piece, Vol. 1", "Shipping"), fakeModel);
        assertThat(computations).hasValue(2);
        assertThat(edited.get(1)[0]).isEqualTo("Shipping".length());
    }

    @Test
    void aCorruptFileIsRecomputedAndReplaced() throws Exception {
        Path file = dir.resolve("vectors.bin");
        List<String> texts = List.of("Naruto, Vol. 2");
        EmbeddingSnapshot.loadOrCompute(file, texts, fakeModel);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // truncated

        List<float[]> vectors = EmbeddingSnapshot.loadOrCompute(file, texts, fakeModel);
        assertThat(computations).hasValue(2);
        assertThat(vectors.get(0)[0]).isEqualTo("Naruto, Vol. 2".length());
        assertThat(EmbeddingSnapshot.loadOrCompute(file, texts, fakeModel)).hasSize(1);
        assertThat(computations).hasValue(2);
    }

    @Test
    void withoutAFileItAlwaysComputes() {
        EmbeddingSnapshot.loadOrCompute(null, List.of("a"), fakeModel);
        EmbeddingSnapshot.loadOrCompute(null, List.of("a"), fakeModel);
        assertThat(computations).hasValue(2);
    }
}
