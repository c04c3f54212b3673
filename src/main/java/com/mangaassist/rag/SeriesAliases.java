package com.mangaassist.rag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Other names shoppers give a series ("jjk", "aot", "bnha"), read from
 * {@code mangaassist.catalog.series-aliases}: {@code alias|alias<TAB>series}. A series the catalog does
 * not carry fails startup, so a misspelt line cannot silently stop matching.
 */
@Component
public class SeriesAliases {

    private static final String SETTING = "mangaassist.catalog.series-aliases";

    private final Map<String, String> seriesByAlias;

    @Autowired
    public SeriesAliases(CatalogSettings settings, ResourceLoader resources, Catalog catalog) {
        this(CatalogFiles.read(settings.seriesAliases(), resources, SETTING), catalog);
    }

    SeriesAliases(List<String> lines, Catalog catalog) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        for (String[] parts : CatalogFiles.pairs(lines, SETTING)) {
            if (catalog.products().stream().noneMatch(product -> product.series().equals(parts[1]))) {
                throw new IllegalArgumentException(SETTING + ": the catalog has no series \"" + parts[1] + "\"");
            }
            for (String alias : parts[0].split("\\|")) {
                byAlias.put(alias.trim(), parts[1]);
            }
        }
        this.seriesByAlias = Map.copyOf(byAlias);
    }

    /** Alias as written in the file -> the catalog's series name. */
    public Map<String, String> seriesByAlias() {
        return seriesByAlias;
    }
}
