package dev.layerwise.train;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many cores are free for training: every quarter second while a fit runs (and for a while
 * after, so that the next fit starts informed), the cores other programs kept busy over the last
 * half second are read from {@link CpuTimes}. libtorch's threads wait for each other at the end of
 * every operation, so two threads on two cores, one of them taken by another program, run slower
 * than one thread alone (LeNet: 2.9 times slower than idle against 1.5, {@code bench/NOTES.md}); a
 * fit therefore uses no more threads than there are free cores.
 *
 * <p>The free count moves with some hysteresis so that noise does not flip it: it drops when
 * other programs use half a core more than it allows for, and rises again when they use a
 * quarter core less.
 */
final class BusyCores {
    private static final long PERIOD_MS = 250;
    /** Samples in the window a decision looks at: the newest against the one this many periods back. */
    private static final int WINDOW = 2;
    /** How long the sampler keeps going after the last fit ends. */
    private static final long LINGER_MS = 30_000;

    private static final BusyCores SHARED = new BusyCores(CpuTimes::read, Runtime.getRuntime().availableProcessors());

    private final Supplier<Optional<CpuTimes>> reader;
    private final int processors;
    private final ArrayDeque<CpuTimes> samples = new ArrayDeque<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> task;
    private int fits;
    private long lastFitEnded;
    private volatile int free;
    private volatile double elsewhere;

    BusyCores(Supplier<Optional<CpuTimes>> reader, int processors) {
        this.reader = reader;
        this.processors = processors;
        this.free = processors;
    }

    /** @return the process's sampler */
    static BusyCores shared() {
        return SHARED;
    }

    /**
     * A fit begins: sampling starts (or goes on).
     */
    synchronized void fitStarted() {
        fits++;
        if (task == null) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "layerwise-busy-cores");
                    t.setDaemon(true);
                    return t;
                });
            }
            samples.clear();
            reader.get().ifPresent(this::record);
            task = timer.scheduleAtFixedRate(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A fit ended; sampling stops once no fit has run for a while. */
    synchronized void fitEnded() {
        fits--;
        lastFitEnded = System.nanoTime();
    }

    /** @return the cores free for training now, at least 1 */
    int free() {
        return Math.max(1, free);
    }

    /** @return cores other programs kept busy over the last window (for notes and tests) */
    double busyElsewhere() {
        return elsewhere;
    }

    /** One reading, on the sampler's thread; the sampler stops once no fit has run for a while. */
    private synchronized void sample() {
        if (fits == 0 && System.nanoTime() - lastFitEnded > LINGER_MS * 1_000_000L) {
            if (task != null) {
                task.cancel(false);
                task = null;
            }
            return;
        }
        reader.get().ifPresent(this::record);
    }

    /** Takes a reading; once the window is full, decides the free cores from its two ends. */
    synchronized void record(CpuTimes now) {
        samples.addLast(now);
        if (samples.size() <= WINDOW) {
            return;
        }
        CpuTimes before = samples.removeFirst();
        elsewhere = now.coresBusyElsewhereSince(before);
        free = decide(free, Math.min(processors, now.cpus()), elsewhere);
    }

    /**
     * The next free-core count: down when the cores left are at most half a core above a lower count,
     * up when they are within a quarter core of a higher one.
     *
     * @param current the count now
     * @param cores the cores this process may use
     * @param elsewhere cores other programs kept busy
     * @return the new count, between 1 and {@code cores}
     */
    static int decide(int current, int cores, double elsewhere) {
        double left = cores - elsewhere;
        int down = (int) Math.floor(left + 0.5);
        int up = (int) Math.floor(left + 0.25);
        int next = down < current ? down : Math.max(current, up);
        return Math.max(1, Math.min(cores, next));
    }
}
