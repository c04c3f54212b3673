package com.mangaassist.backends;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository;

import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.ChatRequest;

/**
 * What a test prints when a request got no reply in time: every exchange Camel still has in flight
 * (route, node, age) and the service's threads, so a CI failure says where the request stopped.
 */
public final class StuckRequests {

    private StuckRequests() {
    }

    public static String describe(CamelContext camel) {
        StringBuilder out = new StringBuilder("\nIn flight:\n");
        for (InflightRepository.InflightExchange inflight : camel.getInflightRepository().browse()) {
            out.append("  ").append(inflight.getExchange().getExchangeId())
                    .append(" route=").append(inflight.getAtRouteId())
                    .append(" from=").append(inflight.getFromRouteId())
                    .append(" node=").append(inflight.getNodeId())
                    .append(" age=").append(inflight.getDuration()).append("ms")
                    .append(" requestId=").append(requestId(inflight.getExchange()))
                    .append('\n');
        }
        out.append("Threads:\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            String name = thread.getThreadName();
            if (name.startsWith("phase1") || name.contains("loop") || name.contains("Timeout") || name.contains("admission")
                    || name.contains("save") || name.contains("sdk") || name.contains("aws")) {
                out.append("  ").append(name).append(' ').append(thread.getThreadState()).append('\n');
                out.append(Arrays.stream(thread.getStackTrace()).limit(12)
                        .map(frame -> "      at " + frame).collect(Collectors.joining("\n"))).append('\n');
            }
        }
        return out.toString();
    }

    /** The request's id only: its record also holds the shopper's text, which a CI log need not carry. */
    private static String requestId(Exchange exchange) {
        ChatRequest request = ChatExchange.request(exchange);
        return request == null ? "-" : request.requestId();
    }
}
