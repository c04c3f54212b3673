package com.mangaassist.slo.burn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.mangaassist.ManualClock;
import com.mangaassist.pipeline.PipelineLoad;
import com.mangaassist.slo.SloSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The one shedding policy's decision: load first, then burn rate, each only while switched on. */
class SheddingPolicyTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SloMonitor monitor = new SloMonitor(
            new SloSettings(Duration.ofMillis(2000), Duration.ofMillis(3000), 0.95, Duration.ofDays(30), 15_000, 0.95, ""),
            meters, new ManualClock(Instant.parse("2026-11-02T00:00:00Z")), new AlertNotifier(meters, ""));
    private double share;
    private final PipelineLoad load = () -> share;
    private final SheddingPolicy policy = new SheddingPolicy(monitor, load,
            new SheddingSettings(false, true, 0.8, 2, 256), meters);

    private double activeGauge() {
        return meters.get("mangaassist.shedding.active").gauge().value();
    }

    @Test
    void fullRequestsTakingTheThresholdOfTheLimitShedNewRequests() {
        share = 0.79;
        assertThat(policy.shouldShed()).isFalse();
        assertThat(policy.getReason()).isEqualTo("none");
        assertThat(activeGauge()).isZero();

        share = 0.8;
        assertThat(policy.shouldShed()).isTrue();
        assertThat(policy.getReason()).isEqualTo("load");
        assertThat(activeGauge()).isEqualTo(1);

        share = 0.5; // full ones finished (shed ones may still fill the rest): new requests are full again
        assertThat(policy.getReason()).isEqualTo("none");
    }

    @Test
    void loadSheddingSwitchedOffLeavesAFullPipelineToAdmission() {
        share = 1.0;
        policy.setLoadEnabled(false);
        assertThat(policy.shouldShed()).isFalse();
        assertThat(policy.getReason()).isEqualTo("none");
    }

    @Test
    void burnRateShedsOnlyWhileSwitchedOnAndThePageFastAlertFires() {
        policy.setLoadEnabled(false);
        policy.setEnabled(true);
        assertThat(policy.shouldShed()).isFalse(); // on, but nothing fires
        for (int i = 0; i < 5000; i++) {
            monitor.record(null); // requests that never got a first token
        }
        monitor.evaluate();
        assertThat(monitor.isFiring("page-fast")).isTrue();
        assertThat(policy.getReason()).isEqualTo("burn-rate");

        policy.setEnabled(false);
        assertThat(policy.shouldShed()).isFalse();
    }

    @Test
    void aShedRequestAsksForNoMoreThanTheShedLimits() {
        assertThat(policy.ragPassages(5)).isEqualTo(2);
        assertThat(policy.ragPassages(1)).isEqualTo(1);
        assertThat(policy.maxTokens(512)).isEqualTo(256);
    }
}
