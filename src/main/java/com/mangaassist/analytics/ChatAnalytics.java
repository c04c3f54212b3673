package com.mangaassist.analytics;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Off the critical path (wireTap): counts answers by intent, degradation level and cache use. */
@Component("chatAnalytics")
public class ChatAnalytics {

    private final MeterRegistry registry;

    public ChatAnalytics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ChatOutcome outcome) {
        Counter.builder("mangaassist.chat.answers")
                .description("Answers sent, by intent, degradation level and cache use")
                .tag("intent", outcome.intent() == null ? "unknown" : outcome.intent().intent().id())
                .tag("degradation", outcome.level())
                .tag("cached", Boolean.toString(outcome.cached()))
                .register(registry)
                .increment();
    }
}
