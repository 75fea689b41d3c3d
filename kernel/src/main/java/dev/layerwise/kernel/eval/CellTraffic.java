package dev.layerwise.kernel.eval;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether cells are coming in, so background compiler work can keep out of their way: it waits while
 * a cell is waiting or running, and for a quiet period after the last one (cells sent one after
 * another, as "Run all" sends them, then never queue behind it). Thread-safe.
 */
final class CellTraffic {
    private final long quietNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastEnded;
    private static final long POLL_MS = 20;

    /** @param quietMs how long after a cell counts as busy still */
    CellTraffic(long quietMs) {
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMs);
        this.lastEnded = System.nanoTime() - quietNanos;
    }

    /** A cell was asked for; call {@link #ended()} when it has been answered, whatever happened. */
    void began() {
        inFlight.incrementAndGet();
    }

    /** The cell from {@link #began()} has been answered. */
    void ended() {
        lastEnded = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /** @return whether a cell is waiting or running now */
    boolean cellInFlight() {
        return inFlight.get() > 0;
    }

    /** @return false when the thread was interrupted while waiting for a quiet moment */
    boolean awaitQuiet() {
        while (cellInFlight() || System.nanoTime() - lastEnded < quietNanos) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
