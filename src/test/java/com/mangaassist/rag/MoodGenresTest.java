package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Audience and mood words map to catalog genres, as whole words; the shipped file names only genres the catalog has. */
class MoodGenresTest {

    private final MoodGenres moods = new MoodGenres(List.of("# comment", "kid|kids|year old\tkodomo, all ages",
            "cozy|cute\tslice of life, comedy", "cat|cats\tcats"));

    @Test
    void wordsMapToTheirGenresInFileOrder() {
        assertThat(moods.genresFor("something for my 8 year old who loves cats"))
                .containsExactly("kodomo", "all ages", "cats");
        assertThat(moods.genresFor("any COZY manga?")).containsExactly("slice of life", "comedy");
    }

    @Test
    void onlyWholeWordsMatch() {
        assertThat(moods.genresFor("do you have scattered volumes of category x")).isEmpty();
        assertThat(moods.genresFor("is one piece volume 3 in stock")).isEmpty();
    }

    @Test
    void aLineWithoutATabIsRefused() {
        assertThatThrownBy(() -> new MoodGenres(List.of("cozy slice of life"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShippedFileNamesOnlyGenresTheCatalogCarries() throws Exception {
        String catalog = Files.readString(Path.of("src/main/resources/catalog/products.json"));
        for (String line : Files.readAllLines(Path.of("src/main/resources/catalog/mood-genres.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            for (String genre : line.split("\t")[1].split("\\s*,\\s*")) {
                assertThat(catalog).as("genre %s of line %s", genre, line).contains("\"" + genre.trim() + "\"");
            }
        }
    }
}
