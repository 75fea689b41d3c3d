package dev.layerwise.kernel.eval;

import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.kernel.log.Log;

import java.util.ArrayList;
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
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(KernelThreads.daemon("layerwise-interrupt-timer"));
    private volatile boolean running;
    private volatile boolean accepted;
    private volatile boolean stopBeforeStart;
    private volatile boolean interrupted;
    private volatile boolean forced;
    private volatile long serial;

    Interrupter(Runnable forceStop) {
        this.forceStop = forceStop;
    }

    /**
     * A cell's request has been taken: from here until {@link #cellStarted()} (waiting for JShell, for the
     * evaluator, or parsing) a Stop is kept for that cell, not forgotten as a Stop while idle is.
     */
    synchronized void cellAccepted() {
        stopBeforeStart = false;
        accepted = true;
    }

    synchronized void cellStarted() {
        Interrupts.reset();
        Thread.interrupted();
        interrupted = stopBeforeStart;
        if (interrupted) {
            Interrupts.requestStop();
        }
        accepted = false;
        stopBeforeStart = false;
        forced = false;
        serial++;
        running = true;
    }

    synchronized void cellEnded() {
        running = false;
        accepted = false;
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

    synchronized void interrupt(Thread cellThread) {
        Interrupts.requestStop();
        if (!running) {
            // A click on Stop just after Run reaches the kernel before the cell has started: keep it for that cell.
            stopBeforeStart = accepted;
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
        Thread t = ValueCapture.runningThread();
        if (attempt == 1) {
            Log.warn(t != null ? "the cell did not stop within the grace period; stopping it by force at" + where(t)
                    : "the cell's code has returned, but JShell still waits for threads it started: " + lingering());
        }
        forceStop.run();
        if (t != null) {
            t.interrupt();
        }
        if (attempt < MAX_FORCE_ATTEMPTS) {
            timer.schedule(() -> force(cell, attempt + 1), 1, TimeUnit.SECONDS);
        }
    }

    /** Threads left in JShell's execution groups, which JShell joins after each snippet. */
    private static String lingering() {
        StringBuilder sb = new StringBuilder();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup g = t.getThreadGroup();
            if (g != null && g.getName().startsWith("JShell")) {
                sb.append("\n  '").append(t.getName()).append("'").append(where(t));
            }
        }
        return sb.length() == 0 ? "none found" : sb.toString();
    }

    /** The top of a thread's stack, for the kernel log: where a cell that ignored the interrupt was. */
    private static String where(Thread t) {
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            sb.append("\n    at ").append(frames[i]);
        }
        return sb.toString();
    }

    /**
     * The report for a cell that failed after an interrupt: the failure is the interrupt's doing
     * (a read cut off, a sleep woken), so the cell reads as interrupted, with that failure below.
     */
    ErrorReport reportAfter(int line, boolean byForce, ErrorReport failure) {
        if (failure.ename().equals("Interrupted")) {
            return failure;
        }
        String how = (byForce ? "stopped by force" : "interrupted") + " at cell line " + line + "; it ended with "
                + failure.ename() + ": " + failure.evalue();
        List<String> traceback = new ArrayList<>();
        traceback.add("\u001b[0;31mInterrupted\u001b[0m: The cell was " + how);
        traceback.addAll(failure.traceback());
        return new ErrorReport("Interrupted", "The cell was " + how + ". Variables defined before the stop are kept.",
                traceback);
    }

    ErrorReport report(int line, boolean byForce) {
        String how = byForce
                ? "stopped by force at cell line " + line + " after the grace period (interrupt)"
                : "interrupted; the rest of the cell from line " + line + " was not run";
        return new ErrorReport("Interrupted", "The cell was " + how
                + ". Variables defined before the stop are kept.", List.of("\u001b[0;31mInterrupted\u001b[0m: The cell was " + how + "."));
    }
}
