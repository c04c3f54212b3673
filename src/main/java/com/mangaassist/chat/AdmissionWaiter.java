package com.mangaassist.chat;

import java.util.concurrent.ScheduledFuture;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

import io.vertx.core.Context;

/** A request waiting in {@link PipelineAdmission}'s queue; its exchange goes on where it came from (its connection's event loop). */
final class AdmissionWaiter {

    final Exchange exchange;
    final AsyncCallback callback;
    final long enqueuedNanos;
    final Context context;
    volatile ScheduledFuture<?> timer;

    AdmissionWaiter(Exchange exchange, AsyncCallback callback, long enqueuedNanos, Context context) {
        this.exchange = exchange;
        this.callback = callback;
        this.enqueuedNanos = enqueuedNanos;
        this.context = context;
    }

    void cancelTimer() {
        ScheduledFuture<?> scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel(false); // one not yet set finds the waiter gone from the queue when it fires
        }
    }

    void resume() {
        if (context != null) {
            context.runOnContext(ignored -> callback.done(false));
        } else {
            callback.done(false);
        }
    }
}
