package com.mangaassist.analytics;

import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Off the critical path (wireTap): counts answers by intent, degradation level and cache use. */
@Component("chatAnalytics")
public class ChatAnalytics {

    private final MeterRegistry registry;

    public ChatAnalytics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(ChatContext chat) {
        Counter.builder("mangaassist.chat.answers")
                .description("Answers sent, by intent, degradation level and cache use")
                .tag("intent", chat.getIntent() == null ? "unknown" : chat.getIntent().intent().id())
                .tag("degradation", chat.degradation().level())
                .tag("cached", Boolean.toString(chat.isCacheHit()))
                .register(registry)
                .increment();
    }
}
