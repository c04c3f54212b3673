package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Merges ranked lists of hits (the lexical search's, the k-NN search's) into one ranking. A hit in
 * several lists is one item; the lists' weights say how much each counts.
 * <ul>
 * <li>{@code rrf}: reciprocal rank fusion, sum of weight / (rrfK + rank). Ranks only, so BM25's and
 * cosine's different scales do not matter; a strong entity boost counts as much as a weak first place.</li>
 * <li>{@code normalized}: each list's scores min-max scaled to [0, 1], then summed with the weights:
 * how far ahead a hit is in its list still counts (the named volume's boost keeps it first).</li>
 * <li>{@code boosted}: one list, the single bool query's own order (HybridQuery.boosted).</li>
 * </ul>
 */
public record RankFusion(Method method, List<Double> weights, int rrfK) {

    public enum Method { RRF, NORMALIZED, BOOSTED }

    /**
     * The fused ranking's first {@code size} items; items sharing a {@code group} (e.g. a series)
     * after the first are left out unless group is null.
     */
    public <T> List<T> fuse(List<List<T>> lists, ToDoubleFunction<T> score, Function<T, String> key,
                            Function<T, String> group, int size) {
        Map<String, T> items = new LinkedHashMap<>();
        Map<String, Double> fused = new LinkedHashMap<>();
        for (int list = 0; list < lists.size(); list++) {
            List<T> hits = lists.get(list);
            double weight = list < weights.size() ? weights.get(list) : 1.0;
            double max = hits.stream().mapToDouble(score).max().orElse(0);
            double min = hits.stream().mapToDouble(score).min().orElse(0);
            for (int rank = 0; rank < hits.size(); rank++) {
                T hit = hits.get(rank);
                double contribution = switch (method) {
                    case RRF -> weight / (rrfK + rank + 1);
                    case NORMALIZED -> weight * (max > min ? (score.applyAsDouble(hit) - min) / (max - min) : 1.0);
                    case BOOSTED -> -rank; // one list: its own order
                };
                items.putIfAbsent(key.apply(hit), hit);
                fused.merge(key.apply(hit), contribution, Double::sum);
            }
        }
        List<String> order = new ArrayList<>(fused.keySet());
        // stable: ties keep the order the lists first gave
        order.sort(Comparator.comparingDouble((String k) -> fused.get(k)).reversed());
        List<T> ranked = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (String k : order) {
            if (ranked.size() >= size) {
                break;
            }
            T hit = items.get(k);
            if (group == null || groups.add(group.apply(hit))) {
                ranked.add(hit);
            }
        }
        return ranked;
    }
}
