package dev.layerwise.kernel.eval;

import dev.layerwise.train.Interrupts;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a running cell in escalating steps.
 *
 * <ol>
 *   <li>at once: {@link Interrupts#requestStop()} (training loops end at the next batch boundary
 *       and return their partial result) and {@link Thread#interrupt()} on the cell's thread (ends
 *       sleeps and blocking waits);</li>
 *   <li>after a grace period — {@value #GRACE_MS} ms, or {@value #LOOP_GRACE_MS} ms while a loop
 *       that honours stop requests is running, so a batch is never cut in half — JShell's own
 *       {@code stop()}, repeated every second until the cell ends.</li>
 * </ol>
 */
final class Interrupter {
    static final long GRACE_MS = 1000;
    static final long LOOP_GRACE_MS = 5000;
    private static final int MAX_FORCE_ATTEMPTS = 30;

    private final Runnable forceStop;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "layerwise-interrupt-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;
    private volatile boolean interrupted;
    private volatile boolean forced;
    private volatile long serial;

    Interrupter(Runnable forceStop) {
        this.forceStop = forceStop;
    }

    void cellStarted() {
        Interrupts.reset();
        Thread.interrupted();
        interrupted = false;
        forced = false;
        serial++;
        running = true;
    }

    void cellEnded() {
        running = false;
    }

    boolean running() {
        return running;
    }

    boolean interrupted() {
        return interrupted;
    }

    boolean forced() {
        return forced;
    }

    void interrupt(Thread cellThread) {
        Interrupts.requestStop();
        if (!running) {
            return;
        }
        interrupted = true;
        if (cellThread != null) {
            cellThread.interrupt();
        }
        long cell = serial;
        long grace = Interrupts.activeLoops() > 0 ? LOOP_GRACE_MS : GRACE_MS;
        timer.schedule(() -> force(cell, 1), grace, TimeUnit.MILLISECONDS);
    }

    private void force(long cell, int attempt) {
        if (!running || serial != cell) {
            return;
        }
        forced = true;
        forceStop.run();
        Thread t = ValueCapture.runningThread();
        if (t != null) {
            t.interrupt();
        }
        if (attempt < MAX_FORCE_ATTEMPTS) {
            timer.schedule(() -> force(cell, attempt + 1), 1, TimeUnit.SECONDS);
        }
    }

    ErrorReport report(int line, boolean byForce) {
        String how = byForce
                ? "stopped by force at cell line " + line + " after the grace period (interrupt)"
                : "interrupted; the rest of the cell from line " + line + " was not run";
        return new ErrorReport("Interrupted", "The cell was " + how
                + ". Variables defined before the stop are kept.", List.of("\u001b[0;31mInterrupted\u001b[0m: The cell was " + how + "."));
    }
}
