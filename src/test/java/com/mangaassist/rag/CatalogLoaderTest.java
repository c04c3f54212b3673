package com.mangaassist.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.mangaassist.config.StartupConfigurationException;

class CatalogLoaderTest {

    @EnableConfigurationProperties(CatalogSettings.class)
    static class Config {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Config.class, CatalogLoader.class)
            // the service's defaults (application.properties)
            .withPropertyValues("mangaassist.catalog.products=classpath:catalog/products.json",
                    "mangaassist.catalog.policies=classpath:catalog/policies.json");

    @Test
    void seededCatalogHasEnoughCompleteProductsAndEveryPolicyTopic() {
        context.run(ctx -> {
            Catalog catalog = ctx.getBean(Catalog.class);
            assertThat(catalog.products()).hasSizeGreaterThanOrEqualTo(300);
            assertThat(catalog.products()).allSatisfy(p -> {
                assertThat(p.sku()).isNotBlank();
                assertThat(p.title()).isNotBlank();
                assertThat(p.series()).isNotBlank();
                assertThat(p.author()).isNotBlank();
                assertThat(p.publisher()).isNotBlank();
                assertThat(p.genres()).isNotEmpty();
                assertThat(p.format()).isNotBlank();
                assertThat(p.price()).isPositive();
                assertThat(p.stock()).isNotNegative();
                assertThat(p.releaseDate()).isNotNull();
                assertThat(p.description()).isNotBlank();
            });
            assertThat(new HashSet<>(catalog.products().stream().map(Product::sku).toList()))
                    .hasSameSizeAs(catalog.products());
            assertThat(catalog.products().stream().map(Product::format).collect(Collectors.toSet()))
                    .contains("paperback", "box set", "blu-ray", "artbook");
            assertThat(catalog.policies()).extracting(PolicyDocument::id).contains("shipping", "returns", "preorders",
                    "order-tracking", "gift-cards", "payment", "damaged-items", "digital-editions");
        });
    }

    @Test
    void aMissingCatalogFileFailsStartupNamingTheSetting() {
        context.withPropertyValues("mangaassist.catalog.products=classpath:catalog/no-such-file.json").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .isInstanceOf(StartupConfigurationException.class)
                    .hasMessageContaining("mangaassist.catalog.products")
                    .hasMessageContaining("not found");
        });
    }
}
