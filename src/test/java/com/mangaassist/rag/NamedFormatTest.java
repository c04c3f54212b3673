package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The format a question names, however the shopper spells it; none for a question that names none. */
class NamedFormatTest {

    @Test
    void spellingsMapToTheCatalogsFormat() {
        assertThat(NamedFormat.in("witch hat atelier art book")).contains("artbook");
        assertThat(NamedFormat.in("got a sailor moon artbook?")).contains("artbook");
        assertThat(NamedFormat.in("demon slayer fan book")).contains("artbook");
        assertThat(NamedFormat.in("haikyu anime season 1 on blu ray")).contains("blu-ray");
        assertThat(NamedFormat.in("slam dunk boxset")).contains("box set");
    }

    @Test
    void aBluRayBoxSetIsABluRay() {
        assertThat(NamedFormat.in("demon slayer season 1 blu ray box set")).contains("blu-ray");
    }

    @Test
    void noFormatNamedIsNone() {
        assertThat(NamedFormat.in("is one piece volume 3 in stock")).isEmpty();
        assertThat(NamedFormat.in("a book about boxing")).isEmpty();
    }
}
