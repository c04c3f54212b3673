package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SeriesVectorsTest {

    private static Product volume(int volume, String about, List<String> genres) {
        return new Product("MNG-" + volume, "Vinland Saga", volume, "Vinland Saga, Vol. " + volume, "Makoto Yukimura", "Kodansha",
                genres, "paperback", BigDecimal.TEN, 3, LocalDate.of(2020, 1, 1),
                "Young Thorfinn seeks revenge among Vikings. Volume " + volume + ": " + about);
    }

    private static final Catalog CATALOG = new Catalog(List.of(
            volume(2, "the war in England.", List.of("historical", "seinen")),
            volume(1, "The story begins.", List.of("historical", "seinen", "vikings"))), List.of());

    @Test
    void aSeriesIsDescribedByItsSynopsisGenresAndAuthorNotByOneVolume() {
        SeriesVectors vectors = new SeriesVectors(CATALOG, null);

        assertThat(vectors.profile("vinland saga")).contains(
                "Vinland Saga by Makoto Yukimura. historical, seinen, vikings. Young Thorfinn seeks revenge among Vikings.");
        assertThat(vectors.profile("Berserk")).isEmpty();
    }

    @Test
    void aSeriesIsEmbeddedOnceAndAnUnknownOneNever() {
        SeriesVectors vectors = new SeriesVectors(CATALOG, new EmbeddingService(new SimpleMeterRegistry()));

        float[] first = vectors.of("Vinland Saga").orElseThrow();
        assertThat(first).hasSize(EmbeddingService.DIMENSIONS);
        assertThat(vectors.of("vinland saga").orElseThrow()).isSameAs(first);
        assertThat(vectors.of("not a series of ours")).isEmpty();
    }

    @Test
    void theMeanOfTwoDirectionsHasLengthOne() {
        float[] mean = SeriesVectors.mean(new float[] {1, 0}, new float[] {0, 1});

        assertThat(mean[0]).isEqualTo(mean[1]);
        assertThat(mean[0] * mean[0] + mean[1] * mean[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
    }
}
