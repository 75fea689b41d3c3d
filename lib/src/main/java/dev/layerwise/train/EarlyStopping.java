package dev.layerwise.train;

/**
 * Ends {@code fit} once a watched epoch figure has stopped improving, as Keras's
 * {@code EarlyStopping}: after {@link #patience(int)} complete epochs in a row without an
 * improvement larger than {@link #minDelta(double)}, training stops (through
 * {@link TrainingContext#stop(String)}, so {@code history.stopReason()} says why) and the weights
 * and optimizer state of the best epoch are put back. Unlike Keras, restoring the best weights is
 * on by default ({@link #restoreBest(boolean)} turns it off); as in Keras it happens when early
 * stopping stops training, not when {@code fit} runs to its end.
 *
 * <pre>{@code
 * learner.earlyStopping("val_loss", 3);
 * learner.earlyStopping(EarlyStopping.on("val_accuracy").patience(3).minDelta(1e-3));
 * }</pre>
 * It counts afresh in each {@code fit}, prints one line when it stops and marks the step on the
 * live chart. Registered under the name {@code "early-stopping"}. The best epoch's arrays are
 * copied on the device after each improvement and freed when the fit ends.
 */
public final class EarlyStopping implements Callback, AutoCloseable {
    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBest;
    private Learner learner;
    private double best = Double.NaN;
    private int bestEpoch;
    private int wait;
    private int stoppedEpoch;
    private Snapshot snapshot;

    private EarlyStopping(Monitor monitor, int patience, boolean restoreBest) {
        this.monitor = monitor;
        this.patience = patience;
        this.restoreBest = restoreBest;
    }

    /**
     * Early stopping on an epoch figure, with Keras's defaults: patience 0, min delta 0, the mode
     * from the name ({@code loss} goes down, {@code accuracy} up), best weights restored.
     *
     * @param metric {@code val_loss}, {@code val_accuracy}, {@code loss}, {@code accuracy}, or a
     *     figure a callback of yours records with {@code figures.metric(name, value)}
     * @return the callback, to configure further or pass to {@code learner.earlyStopping(…)}
     */
    public static EarlyStopping on(String metric) {
        return new EarlyStopping(Monitor.of("EarlyStopping.on", metric), 0, true);
    }

    /**
     * How many complete epochs in a row may pass without improvement before training stops.
     *
     * @param epochs at least 0; 0 stops at the first epoch that does not improve
     * @return a new callback with this setting
     */
    public EarlyStopping patience(int epochs) {
        return new EarlyStopping(monitor, requirePatience("EarlyStopping.patience", epochs), restoreBest);
    }

    /**
     * The smallest change that counts as an improvement (Keras's {@code min_delta}).
     *
     * @param delta at least 0, e.g. {@code 1e-3}
     * @return a new callback with this setting
     */
    public EarlyStopping minDelta(double delta) {
        return new EarlyStopping(monitor.withMinDelta("EarlyStopping", delta), patience, restoreBest);
    }

    /**
     * Whether lower or higher is better, when the name does not say (Keras's {@code mode}).
     *
     * @param mode {@link MonitorMode#MIN} or {@link MonitorMode#MAX}
     * @return a new callback with this setting
     */
    public EarlyStopping mode(MonitorMode mode) {
        return new EarlyStopping(monitor.withMode("EarlyStopping", mode), patience, restoreBest);
    }

    /**
     * Whether to put the best epoch's weights and optimizer state back when stopping (on by default).
     *
     * @param on false to keep the last epoch's weights
     * @return a new callback with this setting
     */
    public EarlyStopping restoreBest(boolean on) {
        return new EarlyStopping(monitor, patience, on);
    }

    static int requirePatience(String who, int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException(who + "(" + epochs + "): patience is a number of epochs without"
                    + " improvement and must be ≥ 0, e.g. 3 (0 acts at the first epoch that does not improve).");
        }
        return epochs;
    }

    /** Checks the figure against the learner before registering, so that a misspelt name fails at once. */
    EarlyStopping checkedFor(Learner l) {
        monitor.requireKnown("earlyStopping", l);
        monitor.requireMode("earlyStopping");
        return this;
    }

    /** @return the watched figure */
    public String metric() {
        return monitor.metric();
    }

    /** @return the epochs without improvement it waits */
    public int patience() {
        return patience;
    }

    /** @return the smallest change that counts as an improvement */
    public double minDelta() {
        return monitor.minDelta();
    }

    /** @return whether lower or higher is better, as given or implied by the name (null if neither) */
    public MonitorMode mode() {
        return monitor.effectiveMode();
    }

    /** @return whether it restores the best weights when it stops */
    public boolean restoresBest() {
        return restoreBest;
    }

    /** @return the best epoch of the current or last {@code fit}, 0 before any */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return the best value of the current or last {@code fit}, NaN before any */
    public double best() {
        return best;
    }

    /** @return the epoch after which it stopped training in the last {@code fit}, 0 when it did not */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public void fitStarted(Learner l, int epochs, long stepsPlanned) {
        monitor.requireMeasured("early stopping", l);
        learner = l;
        best = Double.NaN;
        bestEpoch = 0;
        wait = 0;
        stoppedEpoch = 0;
        close();
    }

    @Override
    public void on(Event event, TrainingContext ctx) {
        EpochRecord record = ctx.epochRecord();
        if (event != Event.EPOCH_END || record == null || !record.complete()) {
            return;
        }
        monitor.requireRecorded("early stopping", record);
        double value = monitor.value(record);
        if (monitor.improves(value, best)) {
            best = value;
            bestEpoch = record.epoch();
            wait = 0;
            if (restoreBest) {
                close();
                snapshot = Snapshot.of(learner, value);
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stop(ctx, record.epoch());
        }
    }

    private void stop(TrainingContext ctx, int epoch) {
        stoppedEpoch = epoch;
        String reason = "early stopping: " + monitor.notImproved() + " for " + wait + " epoch" + (wait == 1 ? "" : "s")
                + (bestEpoch == 0 ? " (no epoch gave a value)" : " (best " + Monitor.num(best) + " at epoch " + bestEpoch
                        + ")");
        ctx.stop(reason);
        String done = "stopped after epoch " + epoch;
        String mark = "early stop";
        if (snapshot != null) {
            boolean withState = snapshot.restoreInto(learner);
            done += ", " + (withState ? "best weights and optimizer state" : "best weights (the optimizer has changed"
                    + " since, so its current state is kept)") + " from epoch " + bestEpoch + " restored";
            mark += ": epoch " + bestEpoch + " restored";
            close();
        }
        learner.history().add(new TrainingEvent(learner.step(), mark));
        System.out.println(reason + "; " + done + ".");
    }

    @Override
    public void fitEnded(History history) {
        close();
    }

    /** Frees the best epoch's copies. */
    @Override
    public void close() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }

    @Override
    public String toString() {
        return "EarlyStopping(" + monitor.metric() + ", patience=" + patience + ", minDelta="
                + Monitor.num(monitor.minDelta()) + ", mode=" + mode() + ", restoreBest=" + restoreBest + ")";
    }
}
