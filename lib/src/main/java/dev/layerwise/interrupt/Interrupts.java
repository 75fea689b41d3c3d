package dev.layerwise.interrupt;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cooperative stop shared by the kernel and every training loop.
 *
 * <p>A notebook's Stop button calls {@link #requestStop()}; each long-running loop (training,
 * evaluation, search) checks {@link #stopRequested()} at its next safe point, such as a batch
 * boundary, leaves the model consistent and returns what it has. Thread interruption counts as a
 * stop request too, so {@code Thread.interrupt()} works from plain Java. The kernel calls
 * {@link #reset()} before each cell.
 */
public final class Interrupts {
    private static volatile boolean stopRequested;
    private static final AtomicInteger ACTIVE = new AtomicInteger();

    private Interrupts() {}

    /** Asks every running loop to stop at its next safe point. */
    public static void requestStop() {
        stopRequested = true;
    }

    /** Forgets an earlier stop request; called before a new cell runs. */
    public static void reset() {
        stopRequested = false;
    }

    /**
     * Whether the current loop should stop now; clears the calling thread's interrupt flag into a
     * stop request so that the request is not lost.
     *
     * @return true when a stop was requested or the thread was interrupted
     */
    public static boolean stopRequested() {
        if (Thread.interrupted()) {
            stopRequested = true;
        }
        return stopRequested;
    }

    /** @return how many loops that honour stop requests are running now */
    public static int activeLoops() {
        return ACTIVE.get();
    }

    /**
     * Marks a loop as running until the returned guard is closed; lets the kernel know that a
     * cooperative stop will be seen soon, so it need not stop the thread by force.
     *
     * @return the guard to close when the loop ends
     */
    public static LoopGuard enterLoop() {
        ACTIVE.incrementAndGet();
        return ACTIVE::decrementAndGet;
    }

    /** Closes a loop's registration; closing never throws. */
    @FunctionalInterface
    public interface LoopGuard extends AutoCloseable {
        @Override
        void close();
    }
}
