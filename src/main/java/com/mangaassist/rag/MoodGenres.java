package com.mangaassist.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

    private final List<Entry> entries;

    @org.springframework.beans.factory.annotation.Autowired
    public MoodGenres(CatalogSettings settings, ResourceLoader resources) {
        this(read(settings.moodGenres(), resources));
    }

    MoodGenres(List<String> lines) {
        List<Entry> parsed = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                throw new IllegalArgumentException("mood-genres: expected words<TAB>genres, got: " + line);
            }
            List<String> genres = List.of(parts[1].trim().split("\\s*,\\s*"));
            List<String> words = List.of(parts[0].trim().split("\\|"));
            parsed.add(new Entry(Pattern.compile("(?i)\\b(" + String.join("|", words.stream().map(Pattern::quote).toList()) + ")\\b"),
                    genres));
        }
        this.entries = List.copyOf(parsed);
    }

    private static List<String> read(String location, ResourceLoader resources) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("mangaassist.catalog.mood-genres: cannot read " + location, e);
        }
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
