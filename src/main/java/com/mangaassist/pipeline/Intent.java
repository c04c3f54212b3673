package com.mangaassist.pipeline;

import java.util.Locale;

/** What a shopper's message asks for; drives retrieval, caching and canned answers. */
public enum Intent {
    PRODUCT_SEARCH, PRODUCT_RECOMMENDATION, PRICE_CHECK, AVAILABILITY, ORDER_STATUS,
    RETURN_POLICY, SHIPPING, PREORDER, STORE_POLICY, GENERAL;

    /** The wire and configuration name, e.g. {@code price_check}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Intent fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /** Questions answered from store policies rather than the product catalog. */
    public boolean isPolicy() {
        return this == RETURN_POLICY || this == SHIPPING || this == STORE_POLICY || this == ORDER_STATUS;
    }
}
