package dev.layerwise.train;

import dev.layerwise.engine.Torch;
import dev.layerwise.runtime.Layerwise;

/**
 * The intra-op thread count for one {@code fit} when the user has not set one (the rule is on
 * {@link Layerwise#threads(int)}): one thread for a small step, where the threads' hand-offs cost
 * more than they share, PyTorch's default otherwise; the previous count comes back when the fit
 * ends.
 */
final class FitThreads implements AutoCloseable {
    private final int restore;

    private FitThreads(int restore) {
        this.restore = restore;
    }

    /**
     * Chooses the threads for a fit of a net with this many weights at this batch size.
     *
     * @return a scope that restores the previous count on close
     */
    static FitThreads choose(long weights, int batchSize) {
        if (Layerwise.threadsSet() || weights * (long) batchSize >= Layerwise.SMALL_STEP) {
            return new FitThreads(0);
        }
        int before = Torch.threads();
        if (before == 1) {
            return new FitThreads(0);
        }
        Torch.threads(1);
        return new FitThreads(before);
    }

    @Override
    public void close() {
        if (restore > 0) {
            Torch.threads(restore);
        }
    }
}
