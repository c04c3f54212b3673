package com.mangaassist.bench;

import java.time.Duration;

/**
 * One load scenario: {@code sessions} concurrent chat sessions for {@code duration}, each waiting a
 * think time (exponential, mean {@code think}) between its questions; {@code cacheHitShare} of the
 * questions are repeated policy questions the answer cache serves, the rest always miss.
 */
public record Scenario(int sessions, double cacheHitShare, Duration duration, Duration think) {

    public String name() {
        return sessions + " sessions, " + (cacheHitShare == 0 ? "100% miss" : Math.round(cacheHitShare * 100) + "% cache-hit mix");
    }

    /** "1000:mix:20" = 1000 sessions, 30% cache-hit mix, 20 s mean think time ("miss" = 100% miss; think defaults to {@code think}). */
    public static Scenario parse(String spec, Duration duration, Duration think) {
        String[] parts = spec.trim().split(":");
        double hits = parts.length > 1 && parts[1].startsWith("mix") ? 0.3 : 0;
        Duration thinkTime = parts.length > 2 ? Duration.ofMillis(Math.round(Double.parseDouble(parts[2]) * 1000)) : think;
        return new Scenario(Integer.parseInt(parts[0]), hits, duration, thinkTime);
    }
}
