package com.mangaassist.ingress;

/** A client frame that cannot be accepted; {@code code} goes back to the client in the error frame. */
public class InvalidFrameException extends RuntimeException {

    private final String code;
    private final String requestId;

    public InvalidFrameException(String code, String message, String requestId) {
        super(message);
        this.code = code;
        this.requestId = requestId;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
