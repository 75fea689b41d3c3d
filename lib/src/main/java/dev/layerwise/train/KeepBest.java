package dev.layerwise.train;

/**
 * Keeps a copy of the learner at its best epoch so far, as Keras's
 * {@code ModelCheckpoint(save_best_only=True)} and fastai's {@code SaveModelCallback}, but in
 * memory: after each complete epoch whose watched figure beats the best by more than
 * {@link #minDelta(double)}, the weights (buffers included) and the optimizer state are copied on
 * the device, replacing the previous copy. {@code learner.restoreBest()} puts them back; training
 * counters and the history go on.
 *
 * <pre>{@code
 * learner.keepBest("val_accuracy");
 * learner.fit(10);
 * learner.restoreBest();   // the weights of the best epoch of those ten
 * }</pre>
 * The best is kept across {@code fit} calls, from the moment it is registered (under the name
 * {@code "best"}); registering it again starts afresh and frees the old copy. It prints one line
 * when a {@code fit} ends, and a restore is marked on the charts.
 */
public final class KeepBest implements Callback, AutoCloseable {
    private final Monitor monitor;
    private Learner learner;
    private Snapshot best;
    private boolean improved;

    private KeepBest(Monitor monitor) {
        this.monitor = monitor;
    }

    /**
     * Keeps the best epoch by an epoch figure; lower or higher is better as the name says.
     *
     * @param metric {@code val_loss}, {@code val_accuracy}, {@code loss}, {@code accuracy}, or a
     *     figure a callback of yours records
     * @return the callback, for {@code learner.keepBest(…)}
     */
    public static KeepBest on(String metric) {
        return new KeepBest(Monitor.of("KeepBest.on", metric));
    }

    /**
     * The smallest change that counts as better.
     *
     * @param delta at least 0
     * @return a new callback with this setting
     */
    public KeepBest minDelta(double delta) {
        return new KeepBest(monitor.withMinDelta("KeepBest", delta));
    }

    /**
     * Whether lower or higher is better, when the name does not say.
     *
     * @param mode {@link MonitorMode#MIN} or {@link MonitorMode#MAX}
     * @return a new callback with this setting
     */
    public KeepBest mode(MonitorMode mode) {
        return new KeepBest(monitor.withMode("KeepBest", mode));
    }

    KeepBest checkedFor(Learner l) {
        monitor.requireKnown("keepBest", l);
        monitor.requireMode("keepBest");
        return this;
    }

    /** @return the watched figure */
    public String metric() {
        return monitor.metric();
    }

    /** @return the epoch of the copy kept, 0 before any */
    public int epoch() {
        return best == null ? 0 : best.epoch();
    }

    /** @return the watched figure at that epoch, NaN before any */
    public double value() {
        return best == null ? Double.NaN : best.value();
    }

    @Override
    public void fitStarted(Learner l, int epochs, long stepsPlanned) {
        monitor.requireMeasured("keepBest", l);
        learner = l;
        improved = false;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        if (!record.complete()) {
            return;
        }
        monitor.requireRecorded("keepBest", record);
        double v = monitor.value(record);
        if (monitor.improves(v, value())) {
            close();
            best = Snapshot.of(learner, v);
            improved = true;
        }
    }

    @Override
    public void fitEnded(History history) {
        if (improved) {
            System.out.println("best: " + monitor.metric() + " " + Monitor.num(best.value()) + " at epoch " + best.epoch()
                    + " kept (weights and optimizer state); learner.restoreBest() puts them back.");
        }
    }

    /** Puts the kept copy back into its learner and says so. */
    void restoreInto(Learner l) {
        if (best == null) {
            throw new IllegalStateException("restoreBest(): no epoch has been kept yet; keepBest(\"" + monitor.metric()
                    + "\") keeps one at the end of each complete epoch that improves " + monitor.metric()
                    + ". Train with fit(…) first.");
        }
        boolean withState = best.restoreInto(l);
        l.history().add(new TrainingEvent(l.step(), "best restored: epoch " + best.epoch()));
        System.out.println("restoreBest: " + (withState ? "weights and optimizer state" : "weights (the optimizer has"
                + " changed since, so its current state is kept)") + " from epoch " + best.epoch() + " (" + monitor.metric()
                + " " + Monitor.num(best.value()) + ") restored; step count and history go on from step " + l.step() + ".");
    }

    /** Frees the kept copy. */
    @Override
    public void close() {
        if (best != null) {
            best.close();
            best = null;
        }
    }

    @Override
    public String toString() {
        return "KeepBest(" + monitor.metric() + ", minDelta=" + Monitor.num(monitor.minDelta()) + ", best epoch "
                + epoch() + ")";
    }
}
