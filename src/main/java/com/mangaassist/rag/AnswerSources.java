package com.mangaassist.rag;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;
import com.mangaassist.pipeline.Intent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code mangaassist.answers{intent, sourced}}: answers generated with at least one passage
 * ({@code sourced=true}) or none. A product or policy answer without a source is the model speaking
 * from memory: its rate per intent is what to watch (greetings are sourceless by design). Answers
 * served from the answer cache are not counted again: their sources were counted when generated.
 */
@Component("answerSources")
public class AnswerSources {

    private final MeterRegistry registry;

    public AnswerSources(MeterRegistry registry) {
        this.registry = registry;
        // every series exported from the start at 0, so a ratio has a denominator before the first miss
        for (Intent intent : Intent.values()) {
            counter(intent.id(), true);
            counter(intent.id(), false);
        }
    }

    public void record(ChatOutcome outcome) {
        if (outcome.cached() || outcome.intent() == null || outcome.answer() == null) {
            return;
        }
        counter(outcome.intent().intent().id(), !outcome.passages().isEmpty()).increment();
    }

    private Counter counter(String intent, boolean sourced) {
        return Counter.builder("mangaassist.answers").description("Generated answers by intent, with or without any retrieved source")
                .tag("intent", intent).tag("sourced", Boolean.toString(sourced)).register(registry);
    }
}
