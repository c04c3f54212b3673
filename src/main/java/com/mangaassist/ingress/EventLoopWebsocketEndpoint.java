package com.mangaassist.ingress;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConsumer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

import io.vertx.ext.web.RoutingContext;

/**
 * The chat endpoint, whose consumer routes each frame on the connection's own Vert.x event loop.
 *
 * <p>Why: camel-vertx-websocket's consumer hands every frame to a Vert.x worker thread
 * ({@code executeBlocking}) and holds that thread until the route ends. On an idle VM that hand-off
 * alone costs about a millisecond (waking a parked thread), and the worker then handed the request to
 * the pipeline's queue, another wake-up (docs/performance.md, "The request path's overhead").
 * The ingress route never blocks (it parses, checks in-memory limits and admits), and the pipeline
 * leaves this thread at phase 1's parallel multicast, so routing here costs no hand-off at all.
 * It also keeps a connection's open event, frames and close event in order: one event loop serves them.
 */
class EventLoopWebsocketEndpoint extends VertxWebsocketEndpoint {

    EventLoopWebsocketEndpoint(String uri, VertxWebsocketComponent component, VertxWebsocketConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (getConfiguration().isConsumeAsClient()) {
            return super.createConsumer(processor);
        }
        Consumer consumer = new EventLoopConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Routes an exchange with Camel's async routing, on the calling (event loop) thread. */
    static final class EventLoopConsumer extends VertxWebsocketConsumer {

        EventLoopConsumer(VertxWebsocketEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void processExchange(Exchange exchange, RoutingContext routingContext) {
            try {
                createUoW(exchange);
            } catch (Exception e) {
                getExceptionHandler().handleException("Could not route a WebSocket frame", exchange, e);
                releaseExchange(exchange, false);
                return;
            }
            // the callback comes when the pipeline ends (from whichever thread finishes it)
            getAsyncProcessor().process(exchange, doneSync -> {
                try {
                    if (exchange.getException() != null) {
                        getExceptionHandler().handleException("Error routing a WebSocket frame", exchange, exchange.getException());
                    }
                } finally {
                    doneUoW(exchange);
                    releaseExchange(exchange, false);
                }
            });
        }
    }
}
