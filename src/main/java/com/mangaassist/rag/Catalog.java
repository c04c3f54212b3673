package com.mangaassist.rag;

import java.util.List;

/** The seeded knowledge: products and store policies. */
public record Catalog(List<Product> products, List<PolicyDocument> policies) {
}
