package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mangaassist.intent.IntentClassifier;
import com.mangaassist.pipeline.CacheEntry;
import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.Degradation;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.pipeline.SessionHistory;
import com.mangaassist.pipeline.Understanding;

/** What the phase-1 join makes of branches that returned, fell back, or were still running. */
class PhaseOneAggregatorTest {

    private final PhaseOneAggregator aggregator = new PhaseOneAggregator();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final Exchange input = new DefaultExchange(camel);

    PhaseOneAggregatorTest() {
        ChatExchange.start(input, new ChatRequest("s-1", "r-1", "where is my order", "c-1", System.nanoTime(),
                System.currentTimeMillis(), "u-1"), false);
    }

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    @Test
    void theBranchesResultsAreJoinedIntoPhaseOne() {
        Understanding understanding = new Understanding(IntentClassifier.keywordFallback("where is my order"), QueryEntities.NONE);
        SessionHistory history = new SessionHistory(List.of(new ConversationTurn("user", "hi", 1)), Set.of("u-1"));
        PhaseOne joined = join(branch(understanding), branch(history), branch(new CacheEntry("{}")));

        assertThat(joined.intent()).isEqualTo(understanding.intent());
        assertThat(joined.history()).isEqualTo(history);
        assertThat(joined.cacheEntry()).isEqualTo(new CacheEntry("{}"));
        assertThat(degradation().level()).isEqualTo("full");
        assertThat(degradation().timedOut()).isEmpty();
    }

    @Test
    void aBranchStillRunningAtTheJoinIsReportedAsTimedOut() {
        PhaseOne joined = join(branch(null)); // only the cache branch came back, with a miss

        assertThat(degradation().level()).isEqualTo("no_intent");
        assertThat(degradation().timedOut()).containsExactly("intent", "memory");
        assertThat(joined.intent().source()).as("keyword fallback").isEqualTo("keyword-fallback");
        assertThat(joined.history()).isEqualTo(SessionHistory.EMPTY);
    }

    @Test
    void aBranchWhoseBreakerFellBackIsUnavailableNotTimedOut() {
        degradation().markUnavailable("memory"); // what the memory breaker's fallback marks
        join(branch(new Understanding(IntentClassifier.keywordFallback("where is my order"), QueryEntities.NONE)), branch(null));

        assertThat(degradation().level()).isEqualTo("no_memory");
        assertThat(degradation().timedOut()).isEmpty();
    }

    @Test
    void aFailedBranchDegradesTheAnswerWithoutFailingIt() {
        Exchange failed = branch(null);
        failed.setException(new IllegalStateException("boom"));
        Exchange joined = aggregator.aggregate(null, failed);

        assertThat(joined.getException()).isNull();
        assertThat(failed.getException()).isNull();
    }

    private Degradation degradation() {
        return ChatExchange.degradation(input);
    }

    private Exchange branch(Object result) {
        Exchange branch = input.copy();
        branch.getMessage().setBody(result);
        return branch;
    }

    private PhaseOne join(Exchange... branches) {
        Exchange joined = null;
        for (Exchange branch : branches) {
            joined = aggregator.aggregate(joined, branch);
        }
        aggregator.onCompletion(joined, input);
        return ChatExchange.phaseOne(input);
    }
}
