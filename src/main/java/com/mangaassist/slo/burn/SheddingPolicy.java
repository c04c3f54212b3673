package com.mangaassist.slo.burn;

import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.PipelineLoad;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one shedding policy: a new request drops optional work (fewer RAG passages, a shorter answer;
 * level {@code shed}) while the fast-burn page alert fires (burn-rate shedding, off by default) or
 * while full requests take load-threshold of the pipeline's in-flight limit (load shedding, on by
 * default). Load comes first in the order of cheap degradations: a shed request costs less and frees
 * its place sooner, so fewer have to be refused; counting only the full ones in flight keeps that
 * share of the places answering in full however long an overload lasts (counting every request,
 * or shedding while any waited, shed nearly all of them in a 2x overload run). Operators switch either cause at run time in Hawtio (JMX bean
 * {@code mangaassist:name=sheddingPolicy}), which also shows why requests shed right now.
 */
@Component("sheddingPolicy")
@ManagedResource(objectName = "mangaassist:name=sheddingPolicy", description = "Shedding of optional work under burn rate or load")
public class SheddingPolicy {

    public static final String NONE = "none";
    public static final String LOAD = "load";
    public static final String BURN_RATE = "burn-rate";

    private final SloMonitor monitor;
    private final PipelineLoad load;
    private final double loadThreshold;
    private final int ragPassages;
    private final int maxTokens;
    private volatile boolean enabled;
    private volatile boolean loadEnabled;

    public SheddingPolicy(SloMonitor monitor, PipelineLoad load, SheddingSettings settings, MeterRegistry meters) {
        this.monitor = monitor;
        this.load = load;
        this.enabled = settings.enabled();
        this.loadEnabled = settings.loadEnabled();
        this.loadThreshold = settings.loadThreshold();
        this.ragPassages = settings.ragPassages();
        this.maxTokens = settings.maxTokens();
        Gauge.builder("mangaassist.shedding.active", this, policy -> NONE.equals(policy.getReason()) ? 0 : 1)
                .description("1 while new requests shed optional work (burn rate or load), else 0").register(meters);
    }

    /** True when a new request should shed: a cause is switched on and holds. */
    public boolean shouldShed() {
        return !NONE.equals(getReason());
    }

    public int ragPassages(int normal) {
        return Math.min(normal, ragPassages);
    }

    public int maxTokens(int normal) {
        return Math.min(normal, maxTokens);
    }

    @ManagedAttribute(description = "Why a new request would shed now: load, burn-rate or none")
    public String getReason() {
        if (loadEnabled && load.fullShare() >= loadThreshold) {
            return LOAD;
        }
        if (enabled && monitor.isFiring("page-fast")) {
            return BURN_RATE;
        }
        return NONE;
    }

    @ManagedAttribute(description = "Shed optional work while the fast-burn alert fires")
    public boolean isEnabled() {
        return enabled;
    }

    @ManagedAttribute
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @ManagedAttribute(description = "Shed optional work while load-threshold of the pipeline's limit is taken by full requests")
    public boolean isLoadEnabled() {
        return loadEnabled;
    }

    @ManagedAttribute
    public void setLoadEnabled(boolean loadEnabled) {
        this.loadEnabled = loadEnabled;
    }

    @ManagedAttribute(description = "The share of the in-flight limit taken by full requests from which new requests shed")
    public double getLoadThreshold() {
        return loadThreshold;
    }
}
