package com.mangaassist.rag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ResourceLoader;

/** Reads the catalog's small word lists (TSV, {@code #} comments), failing startup when one is missing. */
final class CatalogFiles {

    private CatalogFiles() {
    }

    /** The file's lines that are neither blank nor comments, each split at its one TAB into two trimmed parts. */
    static List<String[]> pairs(List<String> lines, String setting) {
        return lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> {
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                throw new IllegalArgumentException(setting + ": expected two columns separated by a TAB, got: " + line);
            }
            return new String[] {parts[0].trim(), parts[1].trim()};
        }).toList();
    }

    static List<String> read(String location, ResourceLoader resources, String setting) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(setting + ": cannot read " + location, e);
        }
    }
}
