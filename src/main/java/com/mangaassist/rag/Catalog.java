package com.mangaassist.rag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seeded knowledge: products and store policies. */
public record Catalog(List<Product> products, List<PolicyDocument> policies) {

    /** The genres a series' items carry, the most common first (empty for a series not in the catalog). */
    public List<String> genresOf(String series) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Product product : products) {
            if (product.series().equalsIgnoreCase(series)) {
                product.genres().forEach(genre -> counts.merge(genre, 1, Integer::sum));
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    /** Who wrote a series' items (empty for a series not in the catalog or without an author). */
    public Optional<String> authorOf(String series) {
        return products.stream().filter(product -> product.series().equalsIgnoreCase(series) && product.author() != null)
                .map(Product::author).findFirst();
    }
}
