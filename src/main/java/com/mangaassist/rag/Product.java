package com.mangaassist.rag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One catalog item: a manga volume, box set, Blu-ray or art book. */
public record Product(
        String sku,
        String series,
        Integer volume,
        String title,
        String author,
        String publisher,
        List<String> genres,
        String format,
        BigDecimal price,
        int stock,
        LocalDate releaseDate,
        String description) {

    /** The text whose embedding represents this product in k-NN search. */
    public String embeddingText() {
        return title + ". " + series + " by " + author + ". " + String.join(", ", genres) + " " + format + ". "
                + description;
    }
}
