package com.example.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Posts deposits in parallel on a fixed thread pool. */
public final class BatchPoster implements AutoCloseable {
    private final Ledger ledger;
    private final ExecutorService executor;
    private final List<Thread> workers = new ArrayList<>();

    public BatchPoster(Ledger ledger, int threads) {
        this.ledger = ledger;
        java.util.concurrent.ThreadFactory base = Executors.defaultThreadFactory();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = base.newThread(r);
            synchronized (workers) {
                workers.add(t);
            }
            return t;
        });
    }

    public List<Future<?>> postAll(Account a, List<BigDecimal> amounts) {
        List<Future<?>> out = new ArrayList<>();
        for (BigDecimal amount : amounts) {
            out.add(executor.submit(() -> {
                synchronized (a) {
                    ledger.deposit(a, amount);
                }
            }));
        }
        return out;
    }

    /** Names of worker threads that are still alive. */
    public List<String> liveWorkers() {
        List<String> names = new ArrayList<>();
        synchronized (workers) {
            for (Thread t : workers) if (t.isAlive()) names.add(t.getName());
        }
        return names;
    }

    public boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops accepting work; running posts finish. */
    @Override
    public void close() {
        if (executor.isTerminated()) {
            executor.shutdown();
        }
    }
}
