package com.mangaassist.llm;

/** The model sent no text within its first-token timeout: a failure its circuit breaker counts. */
public class NoFirstTokenException extends RuntimeException {

    public NoFirstTokenException(String message) {
        super(message, null, false, false);
    }
}
