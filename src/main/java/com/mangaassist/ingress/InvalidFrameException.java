package com.mangaassist.ingress;

/** A client frame that cannot be accepted; {@code code} goes back to the client in the error frame. */
public class InvalidFrameException extends RuntimeException {

    private final String code;
    private final String requestId;
    private final long retryAfterMs;

    public InvalidFrameException(String code, String message, String requestId) {
        this(code, message, requestId, 0);
    }

    /** A refusal the client may retry after {@code retryAfterMs} (sent as {@code retryAfterMs} in the error frame). */
    public InvalidFrameException(String code, String message, String requestId, long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
        this.retryAfterMs = retryAfterMs;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
