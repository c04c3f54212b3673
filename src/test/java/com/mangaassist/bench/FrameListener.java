package com.mangaassist.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

/** A WebSocket listener that hands on each whole text frame as JSON, with the time its last part arrived. */
abstract class FrameListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long now = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            try {
                onFrame(LoadGenerator.JSON.readTree(text), now);
            } catch (java.io.IOException notJson) {
                // the service sends only JSON frames; anything else is not an answer to measure
            }
        }
        webSocket.request(1);
        return null;
    }

    abstract void onFrame(JsonNode frame, long receivedNanos);
}
