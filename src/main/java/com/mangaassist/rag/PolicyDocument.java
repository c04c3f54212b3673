package com.mangaassist.rag;

/** A store policy (shipping, returns, ...) the assistant answers from. */
public record PolicyDocument(String id, String title, String text) {

    public String embeddingText() {
        return title + ". " + text;
    }
}
