package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What the phase-1 join makes of branches that fell back, came back, or were still running. */
class PhaseOneAggregatorTest {

    private final PhaseOneAggregator aggregator = new PhaseOneAggregator();

    @Test
    void aBranchStillRunningAtTheJoinIsReportedAsTimedOut() throws Exception {
        ChatContext chat = chat();
        join(chat);

        assertThat(chat.degradation().level()).isEqualTo("no_intent");
        assertThat(chat.degradation().timedOut()).containsExactly("intent", "memory");
        assertThat(chat.getIntent()).as("keyword fallback").isNotNull();
    }

    @Test
    void aBranchWhoseBreakerFellBackIsUnavailableNotTimedOut() throws Exception {
        ChatContext chat = chat();
        chat.setIntent(com.mangaassist.intent.IntentClassifier.keywordFallback("where is my order"));
        chat.degradation().markUnavailable("memory");
        join(chat);

        assertThat(chat.degradation().level()).isEqualTo("no_memory");
        assertThat(chat.degradation().timedOut()).isEmpty();
    }

    @Test
    void branchesThatFinishedLeaveTheAnswerFull() throws Exception {
        ChatContext chat = chat();
        chat.setIntent(com.mangaassist.intent.IntentClassifier.keywordFallback("where is my order"));
        chat.setHistory(List.of());
        join(chat);

        assertThat(chat.degradation().level()).isEqualTo("full");
        assertThat(chat.degradation().timedOut()).isEmpty();
        chat.setHistory(List.of()); // a late write after the join changes nothing
        assertThat(chat.degradation().level()).isEqualTo("full");
    }

    private static ChatContext chat() {
        return new ChatContext(new ChatRequest("s-1", "r-1", "where is my order", "c-1", System.nanoTime(),
                System.currentTimeMillis(), "u-1"), "trace-1");
    }

    private void join(ChatContext chat) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange input = new DefaultExchange(camel);
            input.setProperty(ChatIntake.CHAT, chat);
            aggregator.onCompletion(input, input);
        }
    }
}
