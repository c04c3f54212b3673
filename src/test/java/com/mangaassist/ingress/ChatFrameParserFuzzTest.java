package com.mangaassist.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mangaassist.journal.DurableDynamoWriter;
import com.mangaassist.slo.SloSettings;
import com.mangaassist.slo.burn.SheddingPolicy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import com.mangaassist.pipeline.ChatRequest;
import com.mangaassist.pipeline.ChatExchange;

/**
 * Property-based fuzzing of the frame parser: whatever arrives (random bytes, random text, random
 * JSON shaped like a message), the result is a valid request or an {@link InvalidFrameException}
 * with a known code, never another exception (which would escape as an internal error), and a
 * refused frame yields no request to queue or save (checked through {@link ChatIntake}, the ingress step).
 */
class ChatFrameParserFuzzTest {

    private static final Set<String> CODES = Set.of("invalid_json", "unsupported_type", "missing_field",
            "invalid_field", "text_too_long");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final CamelContext CAMEL = new DefaultCamelContext();

    private final ChatFrameParser parser = new ChatFrameParser(4000, 128);
    private final DurableDynamoWriter writes = mock(DurableDynamoWriter.class);
    private final SheddingPolicy shedding = mock(SheddingPolicy.class);
    private final ChatConnections connections = TestConnections.registry();
    private final ChatIntake intake = new ChatIntake(parser, new SloSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), 0.95, Duration.ofDays(30), 15_000, 0.95, ""),
            writes, shedding, connections, new AbuseLimits(1e9, 1e9, 1e9, 1e9, 10),
            new GracefulStop(event -> { }, () -> 0, connections, new ShutdownSettings(Duration.ofSeconds(1), Duration.ofSeconds(1))));

    {
        connections.opened("conn-1", TestConnections.socketOf("fuzzer"));
    }

    @Property(tries = 1000)
    void randomBytes(@ForAll @Size(max = 512) byte[] bytes) {
        check(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void randomText(@ForAll @StringLength(max = 512) String frame) {
        check(frame);
    }

    @Property(tries = 2000)
    void randomMessageShapedJson(@ForAll("messages") String frame) {
        check(frame);
    }

    /**
     * Through the ingress step itself: a refused frame is refused before anything is kept (no request
     * on the exchange to queue, the turn journal and the shedding policy never consulted).
     */
    @Property(tries = 1000)
    void refusedFramesLeaveNoState(@ForAll("messages") String frame) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(frame);
        exchange.getMessage().setHeader(VertxWebsocketConstants.CONNECTION_KEY, "conn-1");
        clearInvocations(writes, shedding);
        try {
            intake.accept(exchange);
        } catch (InvalidFrameException refused) {
            assertThat(CODES).contains(refused.code());
            assertThat(exchange.getProperty(ChatExchange.REQUEST)).isNull();
            verifyNoInteractions(writes, shedding);
            return;
        }
        assertThat(ChatExchange.request(exchange).userId()).isEqualTo("fuzzer");
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200).map(s -> (Object) s),
                Arbitraries.strings().withChars("abcXYZ019._:- ").ofMinLength(0).ofMaxLength(140).map(s -> (Object) s),
                Arbitraries.just((Object) "message"),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.just((Object) List.of(1, 2)),
                Arbitraries.just((Object) Map.of("nested", true)),
                Arbitraries.strings().ofLength(4001).map(s -> (Object) s));
        Arbitrary<String> key = Arbitraries.of("type", "sessionId", "requestId", "text", "extra", "__proto__");
        return Combinators.combine(key.list().ofMaxSize(6), value.list().ofSize(6)).as((keys, values) -> {
            Map<String, Object> frame = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                frame.put(keys.get(i), values.get(i));
            }
            try {
                return JSON.writeValueAsString(frame);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void check(String frame) {
        ChatRequest request;
        try {
            request = parser.parse(frame, "conn-1", "user-1", 1L, 2L);
        } catch (InvalidFrameException refused) {
            assertThat(CODES).contains(refused.code());
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // accepted: exactly what the pipeline relies on
        assertThat(request.sessionId()).matches("[A-Za-z0-9._:-]{1,128}");
        assertThat(request.requestId()).matches("[A-Za-z0-9._:-]{1,128}");
        assertThat(request.text()).isNotBlank().hasSizeLessThanOrEqualTo(4000);
        assertThat(request.userId()).isEqualTo("user-1");
    }
}
