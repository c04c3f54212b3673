package com.mangaassist.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The eval's scoring: recall@k capped by the number of relevant items, MRR, series labels and "only X". */
class RetrievalEvalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SERIES = Map.of("MNG-1", "Vinland Saga", "MNG-2", "Vinland Saga",
            "MNG-3", "Vagabond", "MNG-4", "Berserk");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode sources(String... ids) {
        var array = JSON.createArrayNode();
        for (String id : ids) {
            array.addObject().put("id", id);
        }
        return array;
    }

    @Test
    void oneRelevantItemAtRankTwoScoresHalfAReciprocalRankAndNoRecallAtOne() throws Exception {
        RetrievalEval.Scored s = RetrievalEval.score(json("{'relevant':['returns']}"), sources("shipping", "returns", "payment"), SERIES);
        assertThat(s.recall1()).isZero();
        assertThat(s.recall3()).isEqualTo(1.0);
        assertThat(s.reciprocalRank()).isEqualTo(0.5);
    }

    @Test
    void manyRelevantItemsCapRecallAtK() throws Exception {
        RetrievalEval.Scored s = RetrievalEval.score(json("{'relevant':['MNG-1','MNG-2','MNG-3','MNG-4']}"),
                sources("MNG-1", "MNG-9", "MNG-2"), SERIES);
        assertThat(s.recall1()).isEqualTo(1.0);
        assertThat(s.recall3()).isEqualTo(2.0 / 3);
        assertThat(s.reciprocalRank()).isEqualTo(1.0);
    }

    @Test
    void aLikeXQuestionScoresOtherSeriesAndFlagsAnswersOfferingOnlyX() throws Exception {
        JsonNode like = json("{'relevant':[],'relevant_series':['Vagabond','Berserk','Vinland Saga'],'exclude_series':['Vinland Saga']}");
        RetrievalEval.Scored onlyX = RetrievalEval.score(like, sources("MNG-1", "MNG-2"), SERIES);
        assertThat(onlyX.onlyExcluded()).isTrue();
        assertThat(onlyX.recall3()).isZero();
        RetrievalEval.Scored good = RetrievalEval.score(like, sources("MNG-1", "MNG-3", "MNG-4"), SERIES);
        assertThat(good.onlyExcluded()).isFalse();
        assertThat(good.reciprocalRank()).isEqualTo(0.5);
        // two series would be right answers: both in the top 3 is full recall
        assertThat(good.recall3()).isEqualTo(1.0);
        assertThat(RetrievalEval.score(like, sources("MNG-3", "MNG-1", "MNG-2"), SERIES).recall3()).isEqualTo(0.5);
    }

    @Test
    void noSourcesScoreNothing() throws Exception {
        RetrievalEval.Scored s = RetrievalEval.score(json("{'relevant':['returns']}"), sources(), SERIES);
        assertThat(List.of(s.recall1(), s.recall3(), s.reciprocalRank())).containsOnly(0.0);
        assertThat(s.onlyExcluded()).isFalse();
    }

    @Test
    void aSecondAssessorsSeriesRescoreTheSamePassages() throws Exception {
        JsonNode like = json("{'relevant':[],'relevant_series':['Vagabond'],'exclude_series':['Vinland Saga']}");
        RetrievalEval.Scored s = RetrievalEval.score(like, sources("MNG-3", "MNG-4", "MNG-1"), SERIES);
        assertThat(s.recall3()).isEqualTo(1.0);

        // X itself never counts (with it, 1 of 2); a third good series not offered caps at 3
        RetrievalEval.Scored offeringX = RetrievalEval.score(like, sources("MNG-1", "MNG-4"), SERIES);
        assertThat(RetrievalEval.recall3Against(offeringX, java.util.Set.of("Vinland Saga", "Vagabond"))).isZero();
        assertThat(RetrievalEval.recall3Against(s, java.util.Set.of("Vagabond", "Berserk"))).isEqualTo(1.0);
        assertThat(RetrievalEval.recall3Against(s, java.util.Set.of("Berserk", "Akira", "Nana"))).isEqualTo(1.0 / 3);
    }
}
