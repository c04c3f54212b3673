package com.mangaassist.pipeline;

/**
 * The answer as it reaches the shopper: its text so far, when its first visible token went out,
 * which model wrote it and whether its stream broke. The one result written while the pipeline
 * moves on (the model's deltas arrive on the SDK's threads), so every access is synchronized.
 */
public final class Answer {

    private final StringBuilder text = new StringBuilder();
    private long firstTokenNanos;
    private boolean interrupted;
    private String model;
    private boolean cached;

    /**
     * Records the first visible token once, with its time since the request arrived
     * ({@link StepTimings#FIRST_TOKEN}); true for the first call only.
     */
    public synchronized boolean markFirstToken(long nanos, ChatRequest request, StepTimings timings) {
        if (firstTokenNanos != 0) {
            return false;
        }
        firstTokenNanos = nanos;
        timings.sinceArrival(StepTimings.FIRST_TOKEN, request, nanos);
        return true;
    }

    public synchronized void append(String delta) {
        text.append(delta);
    }

    /** An answer that exists before it is sent (the cached or the canned one), as one first token. */
    public synchronized void whole(String answer, boolean fromCache, long nanos, ChatRequest request, StepTimings timings) {
        cached = fromCache;
        markFirstToken(nanos, request, timings);
        text.append(answer);
    }

    public synchronized void answeredBy(String modelId) {
        this.model = modelId;
    }

    /** The model's stream broke after its first token: the answer is incomplete. */
    public synchronized void markInterrupted() {
        interrupted = true;
    }

    public synchronized boolean started() {
        return firstTokenNanos != 0;
    }

    public synchronized String text() {
        return text.toString();
    }

    public synchronized boolean interrupted() {
        return interrupted;
    }

    /** Which model produced the answer (null for cached and canned answers). */
    public synchronized String model() {
        return model;
    }

    public synchronized boolean cached() {
        return cached;
    }
}
