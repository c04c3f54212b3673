package com.mangaassist.rag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The catalog genres a question's audience and mood words mean ("for my 8 year old" -> kodomo, all
 * ages; "something cozy" -> slice of life), read from {@code mangaassist.catalog.mood-genres}: a
 * question that names no series gets those genres boosted, because neither BM25 nor the embedding
 * links "cozy" to a genre tag.
 */
@Component
public class MoodGenres {

    record Entry(Pattern words, List<String> genres) {
    }

    private static final String SETTING = "mangaassist.catalog.mood-genres";

    private final List<Entry> entries;

    @Autowired
    public MoodGenres(CatalogSettings settings, ResourceLoader resources) {
        this(CatalogFiles.read(settings.moodGenres(), resources, SETTING));
    }

    MoodGenres(List<String> lines) {
        List<Entry> parsed = new ArrayList<>();
        for (String[] parts : CatalogFiles.pairs(lines, SETTING)) {
            List<String> genres = List.of(parts[1].split("\\s*,\\s*"));
            List<String> words = List.of(parts[0].split("\\|"));
            parsed.add(new Entry(Pattern.compile("(?i)\\b(" + String.join("|", words.stream().map(Pattern::quote).toList()) + ")\\b"),
                    genres));
        }
        this.entries = List.copyOf(parsed);
    }

    /** The genres the question's words mean, in the order the file lists them; empty when none. */
    public Set<String> genresFor(String question) {
        Set<String> genres = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (entry.words().matcher(question).find()) {
                genres.addAll(entry.genres());
            }
        }
        return genres;
    }
}
