package com.mangaassist.intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.rag.Catalog;
import com.mangaassist.rag.Product;
import com.mangaassist.rag.SeriesAliases;

/**
 * Finds the catalog series a message names and a volume number ("vol 3", "volume 3", "book 3",
 * "chainsaw man 5", "the first volume", "2nd book"). A series is named by its full name, the part
 * before a colon ("demon slayer"), an alias shoppers use (SeriesAliases: "jjk"), or its author when
 * the author wrote no other series here ("isayama"); a long name also with one typo ("berserk" as
 * "beserk"), two from 12 letters on.
 */
@Component
public class EntityExtractor {

    private static final List<String> NUMBER_WORDS = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty");
    private static final Pattern VOLUME = Pattern.compile("\\b(?:vol(?:ume)?\\.?|book|#)\\s*(\\d{1,3}|"
            + String.join("|", NUMBER_WORDS) + ")\\b");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth");
    /** "the first volume", "2nd book": an ordinal before the word, which VOLUME reads only after it. */
    private static final Pattern ORDINAL_VOLUME = Pattern.compile("\\b(?:(\\d{1,3})(?:st|nd|rd|th)|("
            + String.join("|", ORDINALS) + "))\\s+(?:vol(?:ume)?s?|books?)\\b");
    /** "chainsaw man 5": a number right after the series' name. */
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^\\s*(\\d{1,3})\\b");
    /** Shorter names are matched exactly only: one edit turns too many short words into a series. */
    private static final int FUZZY_MIN_LENGTH = 7;
    private static final int TWO_EDITS_MIN_LENGTH = 12;
    private static final int MIN_SURNAME_LENGTH = 5;

    /** Normalized alias -> series name, longest alias first so "one-punch man" beats "one piece" prefixes. */
    private final List<Map.Entry<String, String>> aliases;
    /** The aliases long enough to be matched through a typo, with their word counts. */
    private final List<Fuzzy> fuzzy;

    private record Fuzzy(String name, String series, int words, int edits) {
    }

    public EntityExtractor(Catalog catalog, SeriesAliases seriesAliases) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        Map<String, Set<String>> seriesByAuthor = new HashMap<>();
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
            if (product.author() != null) {
                seriesByAuthor.computeIfAbsent(normalize(product.author()), author -> new HashSet<>()).add(series);
            }
        }
        seriesAliases.seriesByAlias().forEach((alias, series) -> byAlias.putIfAbsent(normalize(alias), series));
        seriesByAuthor.forEach((author, series) -> {
            if (series.size() == 1) {
                String only = series.iterator().next();
                byAlias.putIfAbsent(author, only);
                String surname = author.substring(author.lastIndexOf(' ') + 1);
                if (surname.length() >= MIN_SURNAME_LENGTH) {
                    byAlias.putIfAbsent(surname, only);
                }
            }
        });
        List<Map.Entry<String, String>> sorted = new ArrayList<>(byAlias.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        this.aliases = List.copyOf(sorted);
        this.fuzzy = sorted.stream().filter(alias -> alias.getKey().length() >= FUZZY_MIN_LENGTH)
                .map(alias -> new Fuzzy(alias.getKey(), alias.getValue(), alias.getKey().split(" ").length,
                        alias.getKey().length() >= TWO_EDITS_MIN_LENGTH ? 2 : 1))
                .toList();
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
        if (series == null) {
            Map.Entry<String, Integer> near = nearestAlias(normalized.trim());
            if (near != null) {
                series = near.getKey();
                seriesEnd = near.getValue();
            }
        }
        Integer volume = null;
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher m = VOLUME.matcher(lower);
        Matcher ordinal = ORDINAL_VOLUME.matcher(lower);
        Matcher trailing = series == null ? null : TRAILING_NUMBER.matcher(normalized.substring(seriesEnd));
        if (m.find()) {
            volume = Character.isDigit(m.group(1).charAt(0)) ? Integer.valueOf(m.group(1)) : NUMBER_WORDS.indexOf(m.group(1)) + 1;
        } else if (trailing != null && trailing.find()) {
            volume = Integer.valueOf(trailing.group(1));
        } else if (ordinal.find()) {
            volume = ordinal.group(1) != null ? Integer.valueOf(ordinal.group(1)) : ORDINALS.indexOf(ordinal.group(2)) + 1;
        }
        return new QueryEntities(series, volume);
    }

    /**
     * The series whose long alias the text spells with the fewest edits (within the limit), and where
     * in the padded text that spelling ends; null when none is close enough.
     */
    private Map.Entry<String, Integer> nearestAlias(String normalized) {
        String[] words = normalized.split(" ");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestEnd = -1;
        for (Fuzzy alias : fuzzy) {
            int limit = alias.edits();
            int offset = 0;
            for (int start = 0; start + alias.words() <= words.length; start++) {
                String window = String.join(" ", Arrays.asList(words).subList(start, start + alias.words()));
                int distance = Math.abs(window.length() - alias.name().length()) > limit ? limit + 1
                        : editDistance(window, alias.name(), limit);
                if (distance <= limit && distance < bestDistance) {
                    best = alias.series();
                    bestDistance = distance;
                    bestEnd = 1 + offset + window.length();
                }
                offset += words[start].length() + 1;
            }
        }
        return best == null ? null : Map.entry(best, bestEnd);
    }

    /** Levenshtein distance, giving up (limit + 1) once every cell of a row is past the limit. */
    static int editDistance(String a, String b, int limit) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
