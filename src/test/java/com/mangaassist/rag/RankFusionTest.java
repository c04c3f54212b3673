package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankFusionTest {

    record Hit(String id, String series, double score) {
    }

    private static List<String> ids(RankFusion fusion, List<List<Hit>> lists, boolean onePerSeries, int size) {
        return fusion.fuse(lists, Hit::score, Hit::id, onePerSeries ? Hit::series : null, size).stream().map(Hit::id).toList();
    }

    // BM25-like scores: the named volume far ahead; cosine-like: close together
    private static final List<Hit> LEXICAL = List.of(new Hit("vol3", "A", 30), new Hit("vol2", "A", 9), new Hit("vol4", "A", 8.5));
    private static final List<Hit> VECTOR = List.of(new Hit("vol2", "A", 0.91), new Hit("other", "B", 0.90), new Hit("vol3", "A", 0.89),
            new Hit("far", "C", 0.60));

    @Test
    void rrfSumsReciprocalRanks() {
        RankFusion rrf = new RankFusion(RankFusion.Method.RRF, List.of(1.0, 1.0), 60);
        // vol2: 1/62 + 1/61, vol3: 1/61 + 1/63, other: 1/62, vol4: 1/63, far: 1/64
        assertThat(ids(rrf, List.of(LEXICAL, VECTOR), false, 10)).containsExactly("vol2", "vol3", "other", "vol4", "far");
    }

    @Test
    void normalizedScoresKeepAWideLeadInOneList() {
        RankFusion normalized = new RankFusion(RankFusion.Method.NORMALIZED, List.of(1.0, 1.0), 60);
        // vol3: 1 + 0.29/0.31 ; vol2: 0.5/21.5 + 1 ; other: 0.30/0.31 ; vol4 and far: 0 (first seen first)
        assertThat(ids(normalized, List.of(LEXICAL, VECTOR), false, 10)).containsExactly("vol3", "vol2", "other", "vol4", "far");
    }

    @Test
    void weightsTiltTheFusion() {
        RankFusion vectorHeavy = new RankFusion(RankFusion.Method.NORMALIZED, List.of(0.01, 1.0), 60);
        assertThat(ids(vectorHeavy, List.of(LEXICAL, VECTOR), false, 1)).containsExactly("vol2");
    }

    @Test
    void onePerGroupAndTheSizeCut() {
        RankFusion rrf = new RankFusion(RankFusion.Method.RRF, List.of(1.0, 1.0), 60);
        assertThat(ids(rrf, List.of(LEXICAL, VECTOR), true, 10)).containsExactly("vol2", "other", "far");
        assertThat(ids(rrf, List.of(LEXICAL, VECTOR), false, 2)).containsExactly("vol2", "vol3");
        assertThat(ids(rrf, List.of(LEXICAL, VECTOR), false, 0)).isEmpty();
    }

    @Test
    void boostedKeepsItsOneListsOrder_andNoListsGiveNothing() {
        RankFusion boosted = new RankFusion(RankFusion.Method.BOOSTED, List.of(), 60);
        assertThat(ids(boosted, List.of(VECTOR), false, 10)).containsExactly("vol2", "other", "vol3", "far");
        assertThat(ids(boosted, List.of(), false, 10)).isEmpty();
    }
}
