package com.mangaassist.pipeline;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one request had to do without, and the degradation level of docs/design.md that makes:
 * the steps that were missing, whose breaker fell back ({@code unavailable}) or that ran out of time
 * ({@code timedOut}), and whether burn-rate shedding trimmed it. Written by parallel phase-1 branches,
 * so every set is synchronized.
 */
public final class Degradation {

    /** Steps whose failure lowers the answer's degradation level. */
    public enum Missing { INTENT, MEMORY, RAG, LLM }

    /** Every level {@link #level()} can report other than full. */
    public static final List<String> LEVELS = List.of("no_intent", "no_rag", "minimal", "no_memory", "canned", "shed");

    private final Set<Missing> missing = Collections.synchronizedSet(EnumSet.noneOf(Missing.class));
    private final Set<String> unavailable = Collections.synchronizedSet(new TreeSet<>());
    private final Set<String> timedOut = Collections.synchronizedSet(new TreeSet<>());
    private volatile boolean shed;

    public void markMissing(Missing step) {
        missing.add(step);
    }

    public boolean isMissing(Missing step) {
        return missing.contains(step);
    }

    /** A step whose circuit breaker fell back (failed, timed out or open): reported in the done frame. */
    public void markUnavailable(String step) {
        unavailable.add(step);
    }

    public List<String> unavailable() {
        synchronized (unavailable) {
            return List.copyOf(unavailable);
        }
    }

    /** A step that ran out of time: reported in the done frame (see and its late result is ignored). */
    public void markTimedOut(String step) {
        timedOut.add(step);
    }

    public List<String> timedOut() {
        synchronized (timedOut) {
            return List.copyOf(timedOut);
        }
    }

    /** The request drops optional work (burn-rate shedding): fewer passages, a shorter answer. */
    public void markShed() {
        shed = true;
    }

    public boolean isShed() {
        return shed;
    }

    /** The level: canned, minimal, no_intent, no_rag, no_memory, shed or full, the worst that applies. */
    public String level() {
        if (isMissing(Missing.LLM)) {
            return "canned";
        }
        boolean noIntent = isMissing(Missing.INTENT);
        boolean noRag = isMissing(Missing.RAG);
        if (noIntent && noRag) {
            return "minimal";
        }
        if (noIntent) {
            return "no_intent";
        }
        if (noRag) {
            return "no_rag";
        }
        if (isMissing(Missing.MEMORY)) {
            return "no_memory";
        }
        return shed ? "shed" : "full";
    }
}
