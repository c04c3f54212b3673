package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.QueryEntities;

class SearchScopeTest {

    private static final OpenSearchSettings INDEXES = new OpenSearchSettings("localhost:9200", "http", "c", false,
            "products", "policies", Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final QueryEntities NONE = QueryEntities.NONE;

    @Test
    void aPolicyIntentSearchesThePolicies_aProductIntentTheProducts() {
        assertThat(SearchScope.of(Intent.SHIPPING, NONE, SearchScope.speaksOfPolicy("do you ship to canada"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("policies"))));
        assertThat(SearchScope.of(Intent.PRODUCT_SEARCH, NONE, SearchScope.speaksOfPolicy("a manga about volleyball"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("products"))));
        assertThat(SearchScope.of(Intent.PREORDER, NONE, SearchScope.speaksOfPolicy("what comes out next month"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("products", "policies"))));
    }

    @Test
    void aProductQuestionOnAPolicySubjectLeadsWithThePolicyUnlessItNamesASeries() {
        assertThat(SearchScope.of(Intent.AVAILABILITY, NONE, SearchScope.speaksOfPolicy("the slipcase on my box set is dented"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("policies"), List.of("products"))));
        assertThat(SearchScope.of(Intent.AVAILABILITY, NONE, SearchScope.speaksOfPolicy("how quickly do you send out stuff that is in stock"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("policies"), List.of("products"))));
        assertThat(SearchScope.of(Intent.PRODUCT_SEARCH, new QueryEntities("One Piece", null), SearchScope.speaksOfPolicy("is there a digital one piece"), INDEXES))
                .isEqualTo(new SearchScope(List.of(List.of("products", "policies"))));
    }

    @Test
    void policyWordsAreWholeWords() {
        assertThat(SearchScope.speaksOfPolicy("is amex ok")).isTrue();
        assertThat(SearchScope.speaksOfPolicy("will it come in the mail")).isTrue();
        // "email", "e-mail" and "shipwreck" name no policy subject
        assertThat(SearchScope.speaksOfPolicy("a manga about a shipwreck and email")).isFalse();
        assertThat(SearchScope.speaksOfPolicy("a manga told in e-mail messages")).isFalse();
    }
}
