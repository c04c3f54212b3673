package com.mangaassist.local.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A development stand-in for the Bedrock runtime API on loopback: Converse
 * ({@code POST /model/{id}/converse}) and ConverseStream ({@code POST /model/{id}/converse-stream},
 * answered in the AWS event-stream framing), so the unmodified SDK client streams from it.
 * Tokens are paced by timers on an event loop: a first-token delay, then a steady token rate,
 * so thousands of concurrent streams cost no threads.
 */
public class BedrockStandIn {

    private static final Logger LOG = LoggerFactory.getLogger(BedrockStandIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH_PREFIX = "/model/";

    private final Vertx vertx;
    private final HttpServer server;
    private final Clock clock;
    private final AtomicLong converseStreamRequests = new AtomicLong();
    private final AtomicLong converseRequests = new AtomicLong();
    private volatile Duration firstTokenDelay;
    private volatile double tokensPerSecond;
    /** Injected faults by model id ({@link #ANY_MODEL} = every model). */
    private final java.util.Map<String, Fault> faults = new java.util.concurrent.ConcurrentHashMap<>();

    /** Faults a real Bedrock endpoint shows, injectable at run time (tests, drills, benchmarks). */
    public enum Fault {
        /** HTTP 429 ThrottlingException before any event, as Bedrock answers when over quota. */
        THROTTLE,
        /** The stream opens (messageStart) but no content ever comes. */
        HANG_BEFORE_FIRST_TOKEN,
        /** A few tokens, then a modelStreamErrorException event ends the stream. */
        CUT_MID_STREAM
    }

    public static final String ANY_MODEL = "*";
    /** Tokens a cut stream delivers before it breaks. */
    public static final int TOKENS_BEFORE_CUT = 3;

    public BedrockStandIn(int port, Duration firstTokenDelay, double tokensPerSecond, Clock clock) throws Exception {
        this.firstTokenDelay = firstTokenDelay;
        this.tokensPerSecond = tokensPerSecond;
        this.clock = clock;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.info("Bedrock stand-in listening on 127.0.0.1:{} (first token after {} ms, {} tokens/s)",
                port, firstTokenDelay.toMillis(), tokensPerSecond);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() != HttpMethod.POST || !path.startsWith(PATH_PREFIX)) {
            error(request.response(), 404, "UnknownOperationException", "No such operation: " + path);
            return;
        }
        request.body().onSuccess(body -> {
            JsonNode converseRequest;
            try {
                converseRequest = JSON.readTree(body.getBytes());
            } catch (Exception e) {
                error(request.response(), 400, "ValidationException", "Malformed JSON request body");
                return;
            }
            String modelId = modelId(path);
            Fault fault = faults.getOrDefault(modelId, faults.get(ANY_MODEL));
            if (fault == Fault.THROTTLE) {
                error(request.response(), 429, "ThrottlingException", "Too many requests, please wait before trying again.");
                return;
            }
            if (path.endsWith("/converse-stream")) {
                converseStreamRequests.incrementAndGet();
                stream(request.response(), modelId, converseRequest, fault);
            } else if (path.endsWith("/converse")) {
                converseRequests.incrementAndGet();
                converse(request.response(), converseRequest);
            } else {
                error(request.response(), 404, "UnknownOperationException", "No such operation: " + path);
            }
        });
    }

    private void stream(HttpServerResponse response, String modelId, JsonNode converseRequest, Fault fault) {
        long begin = System.nanoTime();
        List<String> answer = StandInAnswerComposer.tokenize(answerFor(converseRequest));
        List<String> tokens = fault == Fault.CUT_MID_STREAM
                ? answer.subList(0, Math.min(TOKENS_BEFORE_CUT, answer.size())) : answer;
        int inputTokens = inputTokens(converseRequest);
        response.setChunked(true)
                .putHeader("content-type", "application/vnd.amazon.eventstream")
                .putHeader("x-amzn-requestid", UUID.randomUUID().toString())
                .putHeader("x-amzn-bedrock-model", modelId);
        response.write(Buffer.buffer(EventStreamEncoder.event("messageStart", "{\"role\":\"assistant\"}")));
        if (fault == Fault.HANG_BEFORE_FIRST_TOKEN) {
            // nothing more until the client gives up; a minute later the stand-in lets go too
            vertx.setTimer(60_000, id -> response.reset());
            return;
        }
        long intervalMs = Math.max(1, Math.round(1000 / tokensPerSecond));
        Runnable end = fault == Fault.CUT_MID_STREAM
                ? () -> response.end(Buffer.buffer(EventStreamEncoder.exception("modelStreamErrorException",
                        "The model stream was interrupted (injected fault)")))
                : () -> finish(response, tokens.size(), inputTokens, begin);
        scheduleToken(response, tokens, 0, Math.max(1, firstTokenDelay.toMillis()), intervalMs, end);
    }

    private static void finish(HttpServerResponse response, int outputTokens, int inputTokens, long begin) {
        response.write(Buffer.buffer(EventStreamEncoder.event("contentBlockStop", "{\"contentBlockIndex\":0}")));
        response.write(Buffer.buffer(EventStreamEncoder.event("messageStop", "{\"stopReason\":\"end_turn\"}")));
        ObjectNode metadata = JSON.createObjectNode();
        metadata.putObject("usage").put("inputTokens", inputTokens).put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
        metadata.putObject("metrics").put("latencyMs", (System.nanoTime() - begin) / 1_000_000);
        response.end(Buffer.buffer(EventStreamEncoder.event("metadata", metadata.toString())));
    }

    private void scheduleToken(HttpServerResponse response, List<String> tokens, int index, long delayMs,
                               long intervalMs, Runnable onDone) {
        vertx.setTimer(delayMs, id -> {
            if (response.closed()) {
                return; // the client went away: stop generating
            }
            if (index >= tokens.size()) {
                onDone.run();
                return;
            }
            ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", tokens.get(index));
            response.write(Buffer.buffer(EventStreamEncoder.event("contentBlockDelta", delta.toString())));
            scheduleToken(response, tokens, index + 1, intervalMs, intervalMs, onDone);
        });
    }

    private void converse(HttpServerResponse response, JsonNode converseRequest) {
        String answer = answerFor(converseRequest);
        int outputTokens = StandInAnswerComposer.tokenize(answer).size();
        int inputTokens = inputTokens(converseRequest);
        long generationMs = firstTokenDelay.toMillis() + Math.round(outputTokens * 1000 / tokensPerSecond);
        vertx.setTimer(Math.max(1, generationMs), id -> {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
            message.putArray("content").addObject().put("text", answer);
            body.put("stopReason", "end_turn");
            body.putObject("usage").put("inputTokens", inputTokens).put("outputTokens", outputTokens)
                    .put("totalTokens", inputTokens + outputTokens);
            body.putObject("metrics").put("latencyMs", generationMs);
            response.putHeader("content-type", "application/json").end(body.toString());
        });
    }

    private String answerFor(JsonNode converseRequest) {
        return new StandInAnswerComposer(LocalDate.now(clock)).compose(lastUserText(converseRequest));
    }

    private static String lastUserText(JsonNode converseRequest) {
        String text = "";
        for (JsonNode message : converseRequest.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                StringBuilder parts = new StringBuilder();
                message.path("content").forEach(block -> parts.append(block.path("text").asText("")).append('\n'));
                text = parts.toString();
            }
        }
        return text;
    }

    private static int inputTokens(JsonNode converseRequest) {
        int words = 0;
        for (JsonNode message : converseRequest.path("messages")) {
            for (JsonNode block : message.path("content")) {
                words += block.path("text").asText("").split("\\s+").length;
            }
        }
        for (JsonNode block : converseRequest.path("system")) {
            words += block.path("text").asText("").split("\\s+").length;
        }
        return words;
    }

    private static String modelId(String path) {
        String rest = path.substring(PATH_PREFIX.length());
        int slash = rest.lastIndexOf('/');
        return java.net.URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void error(HttpServerResponse response, int status, String type, String message) {
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("x-amzn-ErrorType", type)
                .end(JSON.createObjectNode().put("message", message).toString());
    }

    public long converseStreamRequests() {
        return converseStreamRequests.get();
    }

    public long converseRequests() {
        return converseRequests.get();
    }

    /** Injects a fault for one model id, or for every model with {@link #ANY_MODEL}. */
    public void inject(Fault fault, String modelId) {
        faults.put(modelId, fault);
        LOG.warn("Bedrock stand-in: injected fault {} for model {}", fault, modelId);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Changes the generation pace at run time (tests and benchmarks inject slowness this way). */
    public void pace(Duration firstTokenDelay, double tokensPerSecond) {
        this.firstTokenDelay = firstTokenDelay;
        this.tokensPerSecond = tokensPerSecond;
    }

    public Duration firstTokenDelay() {
        return firstTokenDelay;
    }

    public double tokensPerSecond() {
        return tokensPerSecond;
    }

    public void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
