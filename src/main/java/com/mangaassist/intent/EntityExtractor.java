package com.mangaassist.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.mangaassist.rag.Catalog;
import com.mangaassist.rag.Product;
import com.mangaassist.pipeline.QueryEntities;

/**
 * Finds the catalog series a message names (full name, or the part before a colon, e.g.
 * "demon slayer", "frieren") and a volume number ("vol 3", "volume 3", "book 3", "chainsaw man 5").
 */
@Component
public class EntityExtractor {

    private static final Pattern VOLUME = Pattern.compile("\\b(?:vol(?:ume)?\\.?|book|#)\\s*(\\d{1,3})\\b");

    /** Normalized alias -> series name, longest alias first so "one-punch man" beats "one piece" prefixes. */
    private final List<Map.Entry<String, String>> aliases;

    public EntityExtractor(Catalog catalog) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        for (Product product : catalog.products()) {
            String series = product.series();
            byAlias.putIfAbsent(normalize(series), series);
            int colon = series.indexOf(':');
            if (colon > 0) {
                byAlias.putIfAbsent(normalize(series.substring(0, colon)), series);
            }
            if (series.startsWith("The ")) {
                byAlias.putIfAbsent(normalize(series.substring(4)), series);
            }
        }
        List<Map.Entry<String, String>> sorted = new ArrayList<>(byAlias.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        this.aliases = List.copyOf(sorted);
    }

    public QueryEntities extract(String text) {
        String normalized = " " + normalize(text) + " ";
        String series = null;
        int seriesEnd = -1;
        for (Map.Entry<String, String> alias : aliases) {
            int at = normalized.indexOf(" " + alias.getKey() + " ");
            if (at >= 0) {
                series = alias.getValue();
                seriesEnd = at + alias.getKey().length() + 1;
                break;
            }
        }
        Integer volume = null;
        Matcher m = VOLUME.matcher(text.toLowerCase(Locale.ROOT));
        if (m.find()) {
            volume = Integer.valueOf(m.group(1));
        } else if (series != null) {
            Matcher trailing = Pattern.compile("^\\s*(\\d{1,3})\\b").matcher(normalized.substring(seriesEnd));
            if (trailing.find()) {
                volume = Integer.valueOf(trailing.group(1));
            }
        }
        return new QueryEntities(series, volume);
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
