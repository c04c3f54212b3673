package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which questions naming a series ask for others like it (retrieval then leaves that series out). */
class SimilarRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"anything like dandadan", "similar to chainsaw man?", "got anything like vinland saga?",
        "i loved attack on titan, what should i read next", "blue lock fan needs more",
        "made in abyss messed me up, want more like it", "berserk is my favorite, what else would i like",
        "caught up on demon slayer, what do i read now", "my son loves pokemon adventures, what other manga would he like",
        "what to read after bleach", "slam dunk was amazing, recs?", "more stuff with sakamoto days vibes pls"})
    void asksForOthers(String question) {
        assertThat(RetrievalQueries.asksForSimilar(question)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kaguya sama love is war 3", "demon slayer fan book", "i would like one piece volume 3",
        "do you have vinland saga volume 2?", "how much is the attack on titan box set", "is the next volume of one piece out?"})
    void asksForTheSeriesItself(String question) {
        assertThat(RetrievalQueries.asksForSimilar(question)).isFalse();
    }
}
