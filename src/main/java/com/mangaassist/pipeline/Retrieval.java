package com.mangaassist.pipeline;

import java.util.List;

/** The passages retrieval found, best first (none when the question needed no store knowledge or retrieval failed). */
public record Retrieval(List<Passage> passages) {

    public static final Retrieval NONE = new Retrieval(List.of());

    public Retrieval {
        passages = List.copyOf(passages);
    }
}
