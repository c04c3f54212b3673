package com.mangaassist.rag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} query vectors by their exact text, least recently used dropped first.
 * A vector depends on nothing but its text, so sharing one between requests and users cannot
 * leak or poison anything.
 */
final class RecentEmbeddings {

    private final int capacity;
    private final Map<String, float[]> vectors;

    RecentEmbeddings(int capacity) {
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > RecentEmbeddings.this.capacity;
            }
        };
    }

    synchronized float[] get(String text) {
        return capacity == 0 ? null : vectors.get(text);
    }

    synchronized void put(String text, float[] vector) {
        if (capacity > 0) {
            vectors.put(text, vector);
        }
    }
}
