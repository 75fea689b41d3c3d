package dev.layerwise.train;

import dev.layerwise.engine.Torch;
import dev.layerwise.runtime.Layerwise;

/**
 * The intra-op thread count of one {@code fit} (or one evaluation). Unless the user has set one (the rule is on
 * {@link Layerwise#threads(int)}), a small step gets one thread, where the threads' hand-offs cost
 * more than they share, and anything larger PyTorch's default. While the fit runs, the count
 * follows the machine ({@link BusyCores}): no more threads than cores left free by other programs,
 * back up when they stop, unless {@link Layerwise#adaptThreads(boolean)} turned that off. The count
 * from before the fit comes back when it ends.
 */
final class FitThreads implements AutoCloseable {
    private final int restore;
    private final int most;
    private final BusyCores cores;
    private int current;

    private FitThreads(int restore, int most, BusyCores cores) {
        this.restore = restore;
        this.most = most;
        this.cores = cores;
        this.current = most;
    }

    /**
     * Chooses the threads for a fit of a net with this many weights at this batch size.
     *
     * @return a scope that restores the previous count on close
     */
    static FitThreads choose(long weights, int batchSize) {
        return choose(weights, batchSize, Layerwise.adaptsThreads() ? BusyCores.shared() : null);
    }

    /** As {@link #choose(long, int)}, following the free cores that {@code cores} reports (none: fixed). */
    static FitThreads choose(long weights, int batchSize, BusyCores cores) {
        int before = Torch.threads();
        boolean small = !Layerwise.threadsSet() && weights * (long) batchSize < Layerwise.SMALL_STEP;
        int most = small ? 1 : before;
        if (most != before) {
            Torch.threads(most);
        }
        // one thread has nothing to give up: no sampling
        BusyCores sampled = most > 1 ? cores : null;
        if (sampled != null) {
            sampled.fitStarted();
        }
        FitThreads threads = new FitThreads(before, most, sampled);
        threads.beforeStep();
        return threads;
    }

    /**
     * Called on the training thread before each step: libtorch's thread count belongs to the thread
     * that sets it, and changes between operations only.
     */
    void beforeStep() {
        if (cores == null) {
            return;
        }
        int want = Math.min(most, cores.free());
        if (want != current) {
            Torch.threads(want);
            current = want;
        }
    }

    @Override
    public void close() {
        if (cores != null) {
            cores.fitEnded();
        }
        if (current != restore) {
            Torch.threads(restore);
        }
    }
}
