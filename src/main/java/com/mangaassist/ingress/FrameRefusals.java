package com.mangaassist.ingress;

import org.springframework.stereotype.Component;

/**
 * A frame that could not be accepted ({@link InvalidFrameException}): its error frame, and the
 * count of refused frames that closes a connection which keeps sending them ({@link ChatConnections#refused}).
 * Nothing was started for the frame; the connection stays open otherwise.
 */
@Component("frameRefusals")
public class FrameRefusals {

    private final ChatFrames frames;
    private final ChatConnections connections;

    public FrameRefusals(ChatFrames frames, ChatConnections connections) {
        this.frames = frames;
        this.connections = connections;
    }

    public String errorFrame(InvalidFrameException invalid) {
        return frames.error(invalid.requestId(), invalid.code(), invalid.getMessage(), ChatIntake.currentTraceId(),
                invalid.retryAfterMs());
    }

    public void count(String connectionKey, InvalidFrameException invalid) {
        if (!"unavailable".equals(invalid.code())) { // the service's own trouble is not held against the client
            connections.refused(connectionKey);
        }
    }
}
