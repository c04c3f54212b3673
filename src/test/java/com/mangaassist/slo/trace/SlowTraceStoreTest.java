package com.mangaassist.slo.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class SlowTraceStoreTest {

    private static SpanRecord span(String trace, String name, long start, long end) {
        return new SpanRecord(trace, name + "-id", null, name, "INTERNAL", start, end, "UNSET", Map.of());
    }

    @Test
    void keepsAtMostItsCapacityEvictingTheOldest() {
        SlowTraceStore store = new SlowTraceStore(2, 10);
        store.keep("t1", "r1", 2100, 2500, List.of(span("t1", "a", 0, 1)));
        store.keep("t2", "r2", 2200, 2600, List.of(span("t2", "a", 0, 1)));
        store.keep("t3", "r3", 2300, 2700, List.of(span("t3", "a", 0, 1)));
        assertThat(store.list()).extracting(SlowTraceStore.SlowTrace::traceId).containsExactly("t3", "t2");
        assertThat(store.get("t1")).isEmpty();
    }

    @Test
    void lateSpansJoinAKeptTraceUpToTheSpanLimit() {
        SlowTraceStore store = new SlowTraceStore(5, 2);
        store.keep("t1", "r1", 2100, 2500, List.of(span("t1", "root", 0, 10)));
        assertThat(store.addIfKept("t1", () -> span("t1", "audit", 11, 12))).isTrue();
        assertThat(store.addIfKept("t1", () -> span("t1", "analytics", 12, 13))).isTrue();
        assertThat(store.addIfKept("t9", () -> { throw new AssertionError("made a record for a trace not kept"); })).isFalse();
        assertThat(store.get("t1").orElseThrow().spans()).extracting(SpanRecord::name).containsExactly("root", "audit");
    }

    @Test
    void theApiGives404ForUnknownAndSpanLessTracesAndOffsetsFromTheFirstSpan() {
        SlowTraceStore store = new SlowTraceStore(5, 10);
        TraceController api = new TraceController(store);
        store.keep("empty", "r0", 2500, 2600, List.of());
        store.keep("t1", "r1", 2100, 2500, List.of(span("t1", "llm", 5_000_000, 9_000_000),
                span("t1", "root", 1_000_000, 10_000_000)));
        assertThatThrownBy(() -> api.trace("nope")).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("404");
        assertThatThrownBy(() -> api.trace("empty")).isInstanceOf(ResponseStatusException.class)
                .hasMessageContaining("404");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> spans = (List<Map<String, Object>>) api.trace("t1").get("spans");
        assertThat(spans).extracting(s -> s.get("name")).containsExactly("root", "llm");
        assertThat(spans.get(0)).containsEntry("startOffsetMs", 0.0).containsEntry("durationMs", 9.0);
        assertThat(spans.get(1)).containsEntry("startOffsetMs", 4.0).containsEntry("durationMs", 4.0);
    }
}
