package com.mangaassist.slo;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

import com.mangaassist.pipeline.ChatExchange;
import com.mangaassist.pipeline.StepTimings;

/**
 * Times every pipeline step: attached to each step's route (routePolicy in routes/*.yaml), it
 * records the route's duration under the route id (timings, timer, budget check: {@link StepMetrics}).
 */
@Component("stepTimingPolicy")
public class StepTimingPolicy extends RoutePolicySupport {

    private final StepMetrics metrics;

    public StepTimingPolicy(StepMetrics metrics) {
        this.metrics = metrics;
    }

    private static final String START = "mangaassist.stepStart.";

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(START + route.getRouteId(), System.nanoTime());
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Long start = exchange.getProperty(START + route.getRouteId(), Long.class);
        StepTimings timings = ChatExchange.timings(exchange);
        if (start != null && timings != null) {
            metrics.record(ChatExchange.request(exchange), timings, route.getRouteId(), System.nanoTime() - start);
        }
    }
}
