package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import com.mangaassist.pipeline.ChatRequest;

class TokenBucketsTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void theBurstPassesTheExcessIsToldWhenToRetryAndTheBucketRefills() {
        TokenBuckets buckets = new TokenBuckets(3, 1.0, 100, nanos::get); // 3 at once, then one per second
        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isEqualTo(1000);
        assertThat(buckets.tryTake("bob")).isZero(); // one user's flood is not another's

        nanos.addAndGet(400_000_000L);
        assertThat(buckets.tryTake("alice")).isEqualTo(600); // refused attempts take nothing
        nanos.addAndGet(600_000_000L);
        assertThat(buckets.tryTake("alice")).isZero();
        assertThat(buckets.tryTake("alice")).isPositive();
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        TokenBuckets buckets = new TokenBuckets(1, 0.001, 2, nanos::get);
        buckets.tryTake("a");
        buckets.tryTake("b");
        buckets.tryTake("c"); // forgets "a", the least recently used
        assertThat(buckets.tryTake("a")).isZero(); // a fresh bucket
        assertThat(buckets.tryTake("c")).isPositive();
    }

    @Test
    void aUsersExcessMessagesAreRefusedWithRetryAfter() {
        AbuseLimits limits = new AbuseLimits(2, 60, 100, 100, 1000);
        ChatRequest request = new ChatRequest("s", "r", "hi", "c", 0, 0, "alice");
        limits.checkMessage(request);
        limits.checkMessage(request);
        assertThatThrownBy(() -> limits.checkMessage(request))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfterMs()).isBetween(1L, 1000L);
                    assertThat(e.requestId()).isEqualTo("r");
                });
    }

    @Test
    void aConnectionsExcessFrameIsRefusedWithTheRequestIdItCarried() {
        AbuseLimits limits = new AbuseLimits(100, 6000, 1, 0.001, 1000);
        limits.checkFrame("c", "r1");
        assertThatThrownBy(() -> limits.checkFrame("c", "r2"))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.requestId()).isEqualTo("r2");
                    assertThat(e.retryAfterMs()).isPositive();
                });
    }
}
