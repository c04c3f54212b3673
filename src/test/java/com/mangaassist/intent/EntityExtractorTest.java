package com.mangaassist.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.rag.Catalog;
import com.mangaassist.rag.CatalogSettings;
import com.mangaassist.rag.CatalogLoader;
import com.mangaassist.rag.SeriesAliases;

class EntityExtractorTest {

    private static final CatalogSettings SETTINGS = new CatalogSettings("classpath:catalog/products.json",
            "classpath:catalog/policies.json", false, null, null, "classpath:catalog/series-aliases.tsv");
    /** The shipped catalog and alias file: their names are what shoppers meet. */
    private static final Catalog CATALOG = CatalogLoader.load(SETTINGS, new DefaultResourceLoader());

    private final EntityExtractor extractor = new EntityExtractor(CATALOG,
            new SeriesAliases(SETTINGS, new DefaultResourceLoader(), CATALOG));

    @Test
    void anAliasFromTheFileNamesItsSeries() {
        assertThat(extractor.extract("jjk volume 1 please")).isEqualTo(new QueryEntities("Jujutsu Kaisen", 1));
        assertThat(extractor.extract("any bnha?").series()).isEqualTo("My Hero Academia");
    }

    @Test
    void anAuthorOfOneSeriesNamesIt_anAuthorOfTwoDoesNot() {
        assertThat(extractor.extract("isayama volume 1")).isEqualTo(new QueryEntities("Attack on Titan", 1));
        assertThat(extractor.extract("books by hajime isayama").series()).isEqualTo("Attack on Titan");
        assertThat(extractor.extract("more from aka akasaka").series()).isNull();
    }

    @Test
    void aLongNameIsFoundThroughATypo_aShortOneIsNot() {
        assertThat(extractor.extract("my hero acadamia vol 2")).isEqualTo(new QueryEntities("My Hero Academia", 2));
        assertThat(extractor.extract("beserk 3")).isEqualTo(new QueryEntities("Berserk", 3));
        assertThat(extractor.extract("attak on titen")).extracting(QueryEntities::series).isEqualTo("Attack on Titan");
        // "bleach" has 6 letters: "beach" stays a word
        assertThat(extractor.extract("a manga set at the beach").series()).isNull();
        assertThat(extractor.extract("what is your return policy").series()).isNull();
    }

    @Test
    void aVolumeMayBeSpelledOut() {
        assertThat(extractor.extract("berserk volume one, the hardcover")).isEqualTo(new QueryEntities("Berserk", 1));
        assertThat(extractor.extract("naruto vol twelve")).isEqualTo(new QueryEntities("Naruto", 12));
    }

    @Test
    void anOrdinalBeforeTheWordIsAVolume() {
        assertThat(extractor.extract("sakamoto days first volume")).isEqualTo(new QueryEntities("Sakamoto Days", 1));
        assertThat(extractor.extract("the 3rd book of berserk")).isEqualTo(new QueryEntities("Berserk", 3));
        assertThat(extractor.extract("naruto second vol")).isEqualTo(new QueryEntities("Naruto", 2));
        // an ordinal that counts something else is no volume, and a volume named by number wins
        assertThat(extractor.extract("my first order of naruto").volume()).isNull();
        assertThat(extractor.extract("is chainsaw man 5 as good as the first volume?").volume()).isEqualTo(5);
    }

    @Test
    void editDistanceGivesUpPastItsLimit() {
        assertThat(EntityExtractor.editDistance("berserk", "beserk", 2)).isEqualTo(1);
        assertThat(EntityExtractor.editDistance("kitten", "sitting", 3)).isEqualTo(3);
        assertThat(EntityExtractor.editDistance("abcdefgh", "zzzzzzzz", 1)).isEqualTo(2);
    }

    @Test
    void aSeriesTheAliasFileNamesButTheCatalogLacksFailsStartup() {
        Catalog onePiece = new Catalog(CATALOG.products().stream().filter(p -> p.series().equals("One Piece")).toList(), List.of());
        assertThatThrownBy(() -> new SeriesAliases(SETTINGS, new DefaultResourceLoader(), onePiece))
                .hasMessageContaining("the catalog has no series");
    }
}
