package com.mangaassist.rag;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * For "something like X": what series X is about as a vector (its synopsis, genres and author), so the
 * k-NN clause finds the series nearest X's story rather than the question's phrasing ("i loved attack on
 * titan, what should i read next"). Embedded once per catalog series, on first use (one MiniLM call);
 * keyed by the catalog's own series names, so a shopper cannot grow it.
 */
@Component
public class SeriesVectors {

    private final Catalog catalog;
    private final EmbeddingService embeddings;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    public SeriesVectors(Catalog catalog, EmbeddingService embeddings) {
        this.catalog = catalog;
        this.embeddings = embeddings;
    }

    /** X's vector, or empty for a series the catalog does not have (read it, never change it). */
    public Optional<float[]> of(String series) {
        String key = series.toLowerCase(Locale.ROOT);
        float[] known = vectors.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        return profile(series).map(text -> vectors.computeIfAbsent(key, k -> embeddings.embedAll(List.of(text)).get(0)));
    }

    /** The direction between two unit vectors: their sum, scaled back to length 1 (a new array). */
    public static float[] mean(float[] a, float[] b) {
        float[] sum = new float[a.length];
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
            norm += sum[i] * sum[i];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < a.length; i++) {
            sum[i] *= scale;
        }
        return sum;
    }

    /** The series' name, author, genres and the synopsis its first volume opens with. */
    Optional<String> profile(String series) {
        return catalog.products().stream()
                .filter(p -> p.series().equalsIgnoreCase(series))
                .min(Comparator.comparing((Product p) -> p.volume() == null ? Integer.MAX_VALUE : p.volume()))
                .map(first -> first.series() + " by " + first.author() + ". " + String.join(", ", catalog.genresOf(first.series()))
                        + ". " + synopsis(first.description()));
    }

    // a volume's description is the series' synopsis, then "Volume N: ..." about that volume
    private static String synopsis(String description) {
        int volume = description.indexOf(" Volume ");
        return volume > 0 ? description.substring(0, volume) : description;
    }
}
