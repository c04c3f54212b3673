package com.mangaassist.chat;

/**
 * The pipeline had no place for this request in time (its admission queue full, or its wait up): it is
 * refused (routes/errors.yaml, an overloaded frame with retryAfterMs).
 */
public class PipelineBusyException extends RuntimeException {

    private final long retryAfterMs;

    public PipelineBusyException(int limit, long retryAfterMs) {
        super("pipeline busy: no place within its limit of " + limit + " requests in flight in time", null, false, false);
        this.retryAfterMs = retryAfterMs;
    }

    /** What the overloaded frame suggests waiting before asking again. */
    public long getRetryAfterMs() {
        return retryAfterMs;
    }
}
