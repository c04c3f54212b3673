package com.mangaassist.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateResultTest {

    @Test
    void recoveryIsTheLatestQuestionNotAnsweredInFullNotTheLastOneRecorded() {
        RateResult step = new RateResult(5, Duration.ofSeconds(20), 0);
        step.startNanos = 1_000_000_000L;
        assertThat(step.lastNotFullSeconds()).isZero();
        step.notFull(7_500_000_000L);
        step.notFull(3_000_000_000L); // a slow answer to an earlier question arrives later
        assertThat(step.lastNotFullSeconds()).isEqualTo(6.5);
    }

    @Test
    void theSloNeedsBothTheTailAndTheFullShare() {
        RateResult step = new RateResult(5, Duration.ofSeconds(20), 0);
        step.sent.set(100);
        for (int i = 0; i < 100; i++) {
            step.ttft.recordValue(500_000);
        }
        step.levels.put("full", new java.util.concurrent.atomic.AtomicLong(99));
        assertThat(step.meetsSlo()).isTrue();
        step.levels.get("full").set(98);
        assertThat(step.meetsSlo()).isFalse();
    }
}
