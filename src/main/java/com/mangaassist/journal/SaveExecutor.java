package com.mangaassist.journal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.mangaassist.config.CamelRegistryPool;
import com.mangaassist.config.DaemonThreads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The saves' wireTaps' own pool, {@code savePool}. Saves must not be lost, so unlike analytics a
 * full queue runs the save on the thread that asked (counted in {@code mangaassist.saves.in_caller});
 * the queue is long because a save against a DynamoDB known to fail is only a journal append.
 */
@Component
public class SaveExecutor extends CamelRegistryPool {

    private final java.time.Duration drainTimeout;

    /** Takes the writer so Spring stops this pool (its queued saves done) before the writer drains and closes the journal. */
    public SaveExecutor(MeterRegistry meters, SaveSettings settings, JournalSettings journal, DurableDynamoWriter writer) {
        super("savePool", pool(meters, settings));
        this.drainTimeout = journal.drainTimeout();
    }

    @Override
    protected java.time.Duration drainTimeout() {
        return drainTimeout;
    }

    private static ThreadPoolExecutor pool(MeterRegistry meters, SaveSettings settings) {
        Counter inCaller = Counter.builder("mangaassist.saves.in_caller")
                .description("Saves run on the thread that asked because the save pool's queue was full").register(meters);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), DaemonThreads.named("savePool"), (task, executor) -> {
                    inCaller.increment();
                    task.run(); // also after shutdown began: a late save is still a save
                });
        Gauge.builder("mangaassist.saves.queued", pool, p -> p.getQueue().size())
                .description("Saves waiting for a save-pool thread").register(meters);
        return pool;
    }
}
