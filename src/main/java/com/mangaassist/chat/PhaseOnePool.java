package com.mangaassist.chat;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.mangaassist.config.CamelRegistryPool;
import com.mangaassist.config.DaemonThreads;

/**
 * The phase-1 multicast's threads ({@code executorService: phaseOnePool}); the rest of a request
 * (retrieval, the model's first token) continues on the thread of its last branch.
 *
 * <p>The multicast is entered on the connection's event loop, so a full pool must never run a branch
 * in the caller (Camel's default pool does): it grows instead, to four threads per admitted request
 * (the multicast's own task and three branches), which {@link PipelineAdmission} bounds, and a margin.
 * A request beyond that (only branches still running past their join's timeout can cause it) is
 * rejected rather than stalling every connection on that event loop; it gets no frame today (the
 * rejection surfaces in the ingress route, whose handlers cover refusals only: issue 14's note).
 */
@Component
public class PhaseOnePool extends CamelRegistryPool {

    private static final int THREADS_PER_REQUEST = 4;
    private static final int KEPT_THREADS = 8;

    public PhaseOnePool(PipelineSettings settings) {
        // plus the kept threads as a margin: a thread still finishing an earlier request's work (a late
        // branch, a task returning to the pool) is not yet free to take the next one
        super("phaseOnePool", growingPool(THREADS_PER_REQUEST * settings.maxInFlight() + KEPT_THREADS));
    }

    private static ThreadPoolExecutor growingPool(int maxThreads) {
        return new ThreadPoolExecutor(KEPT_THREADS, maxThreads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("phase1"), new ThreadPoolExecutor.AbortPolicy());
    }
}
