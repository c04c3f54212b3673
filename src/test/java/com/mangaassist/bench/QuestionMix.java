package com.mangaassist.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Questions shoppers ask. Misses are intents the answer cache never serves (recommendations,
 * order status) with varying series and numbers; hits are a few store-policy
 * questions asked again and again (cached after their first answer).
 */
final class QuestionMix {

    private static final List<String> SERIES = List.of("One Piece", "Naruto", "Berserk", "Frieren", "Demon Slayer",
            "Attack on Titan", "Vinland Saga", "Spy x Family", "Chainsaw Man", "Jujutsu Kaisen", "Made in Abyss",
            "Dungeon Meshi", "Blue Lock", "Haikyu", "Mob Psycho 100");
    private static final List<String> HITS = List.of("what is your return policy?", "how long does shipping take?",
            "do you ship internationally?", "can I pay with a gift card?");

    private QuestionMix() {
    }

    static String next(double cacheHitShare) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < cacheHitShare) {
            return HITS.get(random.nextInt(HITS.size()));
        }
        String series = SERIES.get(random.nextInt(SERIES.size()));
        return switch (random.nextInt(3)) {
            case 0 -> "can you recommend a manga like " + series + "?";
            case 1 -> "what should I read after finishing " + series + "?";
            default -> "where is my order " + (1000 + random.nextInt(9000)) + "?";
        };
    }
}
