package com.mangaassist.slo.burn;

import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * Burn-rate-driven shedding (off by default): while the fast-burn page alert fires, requests drop
 * optional work (fewer RAG passages, a shorter answer) and report the level {@code shed}. Operators
 * can switch it at run time in Hawtio (JMX bean {@code mangaassist:name=sheddingPolicy}).
 */
@Component("sheddingPolicy")
@ManagedResource(objectName = "mangaassist:name=sheddingPolicy", description = "Burn-rate-driven load shedding")
public class SheddingPolicy {

    private final SloMonitor monitor;
    private final int ragPassages;
    private final int maxTokens;
    private volatile boolean enabled;

    public SheddingPolicy(SloMonitor monitor, SheddingSettings settings) {
        this.monitor = monitor;
        this.enabled = settings.enabled();
        this.ragPassages = settings.ragPassages();
        this.maxTokens = settings.maxTokens();
    }

    /** True when a new request should shed: shedding is on and the page-fast alert is firing. */
    public boolean shouldShed() {
        return enabled && monitor.isFiring("page-fast");
    }

    public int ragPassages(int normal) {
        return Math.min(normal, ragPassages);
    }

    public int maxTokens(int normal) {
        return Math.min(normal, maxTokens);
    }

    @ManagedAttribute(description = "Shed optional work while the fast-burn alert fires")
    public boolean isEnabled() {
        return enabled;
    }

    @ManagedAttribute
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
