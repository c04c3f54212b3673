package com.mangaassist.slo;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

import com.mangaassist.ingress.ChatContext;
import com.mangaassist.ingress.ChatIntake;

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
        ChatContext chat = exchange.getProperty(ChatIntake.CHAT, ChatContext.class);
        if (start != null && chat != null) {
            metrics.record(chat, route.getRouteId(), System.nanoTime() - start);
        }
    }
}
