package com.mangaassist.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ConversationTurn;
import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.IntentResult;
import com.mangaassist.pipeline.PhaseOne;
import com.mangaassist.pipeline.QueryEntities;
import com.mangaassist.pipeline.Question;
import com.mangaassist.pipeline.SessionHistory;
import com.mangaassist.rag.Catalog;
import com.mangaassist.rag.CatalogLoader;
import com.mangaassist.rag.CatalogSettings;
import com.mangaassist.rag.SeriesAliases;

class FollowUpsTest {

    private static final CatalogSettings SETTINGS = new CatalogSettings("classpath:catalog/products.json",
            "classpath:catalog/policies.json", false, null, null, "classpath:catalog/series-aliases.tsv");
    private static final Catalog CATALOG = CatalogLoader.load(SETTINGS, new DefaultResourceLoader());
    private final EntityExtractor extractor = new EntityExtractor(CATALOG, new SeriesAliases(SETTINGS, new DefaultResourceLoader(), CATALOG));
    private final FollowUps followUps = new FollowUps(extractor);

    private Question resolve(Intent intent, String previous, String text) {
        SessionHistory history = new SessionHistory(List.of(new ConversationTurn("user", previous, 1),
                new ConversationTurn("assistant", "Sure, here is what I found.", 2)), Set.of("alice"));
        ChatRequest request = new ChatRequest("s-1", "r-2", text, "conn-1", 0, 0, "alice");
        return followUps.resolve(request, new PhaseOne(new IntentResult(intent, 1.0, "rules"), extractor.extract(text), history, null));
    }

    @Test
    void theNextOneIsTheVolumeAfterTheOneNamedBefore() {
        Question question = resolve(Intent.AVAILABILITY, "im on chainsaw man vol 4 right now", "is the next one in stock?");
        assertThat(question.entities()).isEqualTo(new QueryEntities("Chainsaw Man", 5));
        assertThat(question.followUp()).isTrue();
        // without "next": the series only, the volume the question itself names
        assertThat(resolve(Intent.PRICE_CHECK, "do you have chainsaw man vol 4", "how much is volume 2?").entities())
                .isEqualTo(new QueryEntities("Chainsaw Man", 2));
    }

    @Test
    void aShortPolicyQuestionAboutItIsSearchedWithThePreviousMessage() {
        Question question = resolve(Intent.STORE_POLICY, "thinking of getting my brother a gift card", "does it expire?");
        assertThat(question.text()).isEqualTo("thinking of getting my brother a gift card does it expire?");
        assertThat(question.followUp()).isTrue();
        // a policy question that carries its own subject stands alone
        Question own = resolve(Intent.SHIPPING, "thinking of getting my brother a gift card",
                "how long does standard shipping take to canada for a big order of many books");
        assertThat(own.text()).startsWith("how long").doesNotContain("gift card");
        assertThat(own.followUp()).isFalse();
    }
}
