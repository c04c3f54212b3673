package com.mangaassist.chat;

/** The pipeline holds its limit of requests in flight: this one is refused (routes/errors.yaml, an overloaded frame). */
public class PipelineBusyException extends RuntimeException {

    public PipelineBusyException(int limit) {
        super("pipeline busy: " + limit + " requests in flight", null, false, false);
    }
}
