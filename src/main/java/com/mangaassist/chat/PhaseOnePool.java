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
 * (the multicast's own task and three branches), which {@link PipelineAdmission} bounds. A request
 * beyond that (only a branch still running past its join's timeout can cause it) fails with an
 * internal_error frame rather than stalling every connection on that event loop.
 */
@Component
public class PhaseOnePool extends CamelRegistryPool {

    private static final int THREADS_PER_REQUEST = 4;
    private static final int KEPT_THREADS = 8;

    public PhaseOnePool(PipelineSettings settings) {
        super("phaseOnePool", growingPool(THREADS_PER_REQUEST * settings.maxInFlight()));
    }

    private static ThreadPoolExecutor growingPool(int maxThreads) {
        return new ThreadPoolExecutor(Math.min(KEPT_THREADS, maxThreads), maxThreads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("phase1"), new ThreadPoolExecutor.AbortPolicy());
    }
}
