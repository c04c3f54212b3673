package com.mangaassist.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What one answered request was, once its answer is complete: made by the pipeline's last step and
 * read by the done frame, the metrics, the saved turns, the cache and the audit record (never
 * changed again, so the wireTaps that read it on other threads see what the shopper saw).
 */
public record ChatOutcome(ChatRequest request, IntentResult intent, QueryEntities entities, boolean followUp,
                          List<Passage> passages, boolean historyInPrompt, String answer, boolean cached,
                          boolean interrupted, String model, String level, List<String> unavailable,
                          List<String> timedOut, Map<String, Double> timings) {

    /** Milliseconds of a step (0.1 ms precision), or null when it did not run. */
    public Double timing(String step) {
        return timings.get(step);
    }
}
