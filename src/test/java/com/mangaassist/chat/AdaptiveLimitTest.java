package com.mangaassist.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

    private static final long NORMAL = 450_000_000L;
    private static final long TARGET = 1_000_000_000L;

    @Test
    void staysPutWhileThePipelineUsesLessThanHalfOfIt() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 200, 100, TARGET);
        for (int i = 0; i < 1000; i++) {
            limit.sample(i % 2 == 0 ? NORMAL : 5 * NORMAL, 20);
        }
        assertThat(limit.current()).isEqualTo(100);
    }

    @Test
    void growsToTheCeilingWhileLatencyHoldsUnderUse() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 200, 20, TARGET);
        for (int i = 0; i < 300; i++) {
            limit.sample(NORMAL, limit.current());
        }
        assertThat(limit.current()).isEqualTo(200);
    }

    @Test
    void shrinksWhenRequestsGetSlowerThanUsualNeverBelowTheFloorAndRecoversAfterwards() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 200, 200, TARGET);
        for (int i = 0; i < 500; i++) {
            limit.sample(NORMAL, limit.current());
        }
        assertThat(limit.usualNanos()).isBetween(NORMAL - 1_000_000, NORMAL + 1_000_000);
        // overload: first frames come three times later than usual
        int previous = limit.current();
        for (int i = 0; i < 20; i++) {
            limit.sample(3 * NORMAL, limit.current());
        }
        assertThat(limit.current()).isLessThan(previous / 2);
        // a long overload does not become the new normal: slower than the target, the limit stays down
        for (int i = 0; i < 2000; i++) {
            limit.sample(3 * NORMAL, limit.current());
        }
        assertThat(limit.current()).isLessThan(previous / 2).isGreaterThanOrEqualTo(8);
        // load gone: latency back to normal, the limit grows again
        int shrunk = limit.current();
        for (int i = 0; i < 300; i++) {
            limit.sample(NORMAL, limit.current());
        }
        assertThat(limit.current()).isGreaterThan(shrunk).isEqualTo(200);
    }

    @Test
    void theFloorNeverExceedsTheCeiling() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 1, 1, TARGET);
        limit.sample(NORMAL, 1);
        limit.sample(10 * NORMAL, 1);
        assertThat(limit.current()).isEqualTo(1);
    }

    @Test
    void aBurstOfDropsCutsTheLimitOncePerUsualLatencyNotOncePerDrop() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 200, 200, TARGET);
        limit.sample(NORMAL, 200);
        long now = 1_000_000_000_000L;
        for (int i = 0; i < 40; i++) {
            limit.dropped(now + i * 1_000_000L, 200, -1); // 40 drops within 40 ms
        }
        assertThat(limit.current()).isEqualTo(180);
        limit.dropped(now + NORMAL, 200, -1);
        assertThat(limit.current()).isEqualTo(162);
        for (int i = 0; i < 1000; i++) {
            limit.dropped(now + NORMAL * (2 + i), 200, -1);
        }
        assertThat(limit.current()).isEqualTo(8);
    }

    @Test
    void dropsAtLightLoadAreTheBackendsNotTheLimitsAndCutNothing() {
        AdaptiveLimit limit = new AdaptiveLimit(8, 200, 200, TARGET);
        limit.sample(NORMAL, 200);
        long now = 1_000_000_000_000L;
        for (int i = 0; i < 100; i++) {
            limit.dropped(now + NORMAL * (1 + i), 3, -1); // a hung backend times out 3 requests at a time
        }
        assertThat(limit.current()).isEqualTo(200);
        limit.dropped(now + NORMAL * 200, 100, -1); // half the limit in use: now a drop says something
        assertThat(limit.current()).isEqualTo(180);
    }

    @Test
    void lateDropsAreSamplesSoTheFewFastSurvivorsOfAnOverloadCannotHoldTheLimitUp() {
        AdaptiveLimit late = new AdaptiveLimit(8, 200, 200, TARGET);
        AdaptiveLimit fast = new AdaptiveLimit(8, 200, 200, TARGET);
        for (AdaptiveLimit limit : List.of(late, fast)) {
            for (int i = 0; i < 500; i++) {
                limit.sample(NORMAL, limit.current());
            }
        }
        long now = 1_000_000_000_000L;
        // seven in ten time out; the three that get through are as fast as usual
        for (int i = 0; i < 1000; i++) {
            long at = now + i * 10_000_000L;
            if (i % 10 < 7) {
                late.dropped(at, late.current(), 1_600_000_000L); // its LLM step ran into the timeout
                fast.dropped(at, fast.current(), 5_000_000L); // an open breaker's canned answer at once
            } else {
                late.sample(NORMAL, late.current());
                fast.sample(NORMAL, fast.current());
            }
        }
        assertThat(late.current()).isLessThan(40);
        assertThat(late.usualNanos()).as("a cut-off latency is not the normal").isBetween(NORMAL - 1_000_000, NORMAL + 1_000_000);
        // fast drops are faults, not load: only the once-per-usual-latency cut, which the survivors' growth outweighs
        assertThat(fast.current()).isGreaterThan(150);
    }
}
