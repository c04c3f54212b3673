package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.IntentResult;
import com.mangaassist.pipeline.Passage;
import com.mangaassist.pipeline.QueryEntities;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AnswerSourcesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AnswerSources sources = new AnswerSources(registry);

    private static ChatOutcome answer(Intent intent, List<Passage> passages, boolean cached) {
        ChatRequest request = new ChatRequest("s-1", "r-1", "what is your return policy", "conn-1", 0, 0, "alice");
        return new ChatOutcome(request, new IntentResult(intent, 1.0, "rules"), QueryEntities.NONE, false, passages, false,
                "An answer.", cached, false, "model-1", "full", List.of(), List.of(), Map.of());
    }

    private double count(String intent, boolean sourced) {
        return registry.get("mangaassist.answers").tag("intent", intent).tag("sourced", Boolean.toString(sourced)).counter().count();
    }

    @Test
    void answersAreCountedByIntentWithOrWithoutASource_cachedOnesOnce() {
        Passage returns = new Passage("policy", "returns", Map.of("title", "Returns and Refunds"));
        sources.record(answer(Intent.RETURN_POLICY, List.of(returns), false));
        sources.record(answer(Intent.RETURN_POLICY, List.of(), false));
        sources.record(answer(Intent.RETURN_POLICY, List.of(), false));
        sources.record(answer(Intent.RETURN_POLICY, List.of(), true));
        assertThat(count("return_policy", true)).isEqualTo(1);
        assertThat(count("return_policy", false)).isEqualTo(2);
        // exported before the first answer of its kind
        assertThat(count("shipping", false)).isZero();
    }
}
