package com.mangaassist.rag;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The catalog format a question names ("the witch hat atelier art book", "haikyu on blu ray"). Titles
 * spell formats their own way ("Sketchbook", "Guidebook", "Art Collection") and shoppers write "art book"
 * where the format is "artbook", so neither BM25 nor the embedding reliably puts the format first; a
 * named format is boosted like a named volume.
 */
final class NamedFormat {

    private record Spelling(Pattern words, String format) {
    }

    // Blu-ray first: "blu-ray box set" is a Blu-ray
    private static final List<Spelling> SPELLINGS = List.of(
            new Spelling(Pattern.compile("(?i)\\bblu[- ]?rays?\\b"), "blu-ray"),
            new Spelling(Pattern.compile("(?i)\\b(art ?books?|guide ?books?|fan ?books?|sketch ?books?)\\b"), "artbook"),
            new Spelling(Pattern.compile("(?i)\\bbox ?sets?\\b"), "box set"));

    private NamedFormat() {
    }

    static Optional<String> in(String text) {
        return SPELLINGS.stream().filter(spelling -> spelling.words().matcher(text).find()).map(Spelling::format).findFirst();
    }
}
