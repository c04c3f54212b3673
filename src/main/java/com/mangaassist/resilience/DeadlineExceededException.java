package com.mangaassist.resilience;

/**
 * A step gave up because the request's deadline ran out, not because its backend misbehaved:
 * the step's fallback answers, but circuit breakers ignore it (a healthy backend must not be
 * cut off because an earlier step used up the request's time).
 */
public class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String message) {
        super(message, null, false, false);
    }
}
