package com.mangaassist.rag;

import java.util.List;
import java.util.regex.Pattern;

import com.mangaassist.pipeline.Intent;
import com.mangaassist.pipeline.QueryEntities;

/**
 * The searches a question's retrieval runs, each over its indexes and ranked on its own; with two,
 * the first one's best hits lead and the second's follow. Policy intents search the policies, product
 * intents the products, preorders and general questions both in one ranking. A product question that
 * speaks of a policy's subject ("is amex ok", "the box set arrived dented") searches both too, and
 * when it names no series it is about the policy rather than an item: ranked together, a box set's
 * "box set" or a title's "ok" outscores the policy, so the policies are searched first and apart.
 */
record SearchScope(List<List<String>> searches) {

    /** Words of the store policies' subjects (shipping, returns, damage, digital, membership, payment, tracking). */
    private static final Pattern POLICY_WORDS = Pattern.compile("(?i)\\b(ship|ships|shipping|shipped|deliver\\w*|refunds?"
            + "|returns?|send (it )?(back|out)|(?<!e-)mail|damaged|dented|crushed|broken|ripped|torn|bent|defect\\w*|e-?books?|digital"
            + "|members?|membership|rewards?|points|gift cards?|pay|paying|paypal|amex|visa|mastercard|credit card"
            + "|charged?|installments?|track\\w*|cancel\\w*|exchange)\\b");

    static boolean speaksOfPolicy(String text) {
        return POLICY_WORDS.matcher(text).find();
    }

    /** The scope of a question; {@code onPolicySubject}: {@link #speaksOfPolicy} of its text, which the caller has already asked. */
    static SearchScope of(Intent intent, QueryEntities entities, boolean onPolicySubject, OpenSearchSettings openSearch) {
        List<String> policies = List.of(openSearch.policiesIndex());
        List<String> products = List.of(openSearch.productsIndex());
        if (intent.isPolicy()) {
            return new SearchScope(List.of(policies));
        }
        List<String> both = List.of(openSearch.productsIndex(), openSearch.policiesIndex());
        if (onPolicySubject) {
            return new SearchScope(entities.namesSeries() ? List.of(both) : List.of(policies, products));
        }
        return new SearchScope(List.of(intent == Intent.PREORDER || intent == Intent.GENERAL ? both : products));
    }

    static SearchScope products(OpenSearchSettings openSearch) {
        return new SearchScope(List.of(List.of(openSearch.productsIndex())));
    }
}
