package dev.layerwise.train;

import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The callback half of {@link Learner}'s notebook facade, in a file of its own: registering,
 * replacing and removing callbacks by name, lambdas for one event, stopping a running {@code fit},
 * the switches that add or remove default callbacks ({@code watch}, {@code quiet},
 * {@code validate}), the named callbacks users know from Keras and fastai ({@code earlyStopping},
 * {@code reduceOnPlateau}, {@code keepBest} with {@code restoreBest}) and the learning-rate range
 * test, which trains a copy. Users only ever see it as methods of {@link Learner}.
 */
abstract sealed class LearnerCallbacks permits LearnerSettings {
    /** The learner's callbacks by name, in calling order. */
    final Callbacks callbacks = new Callbacks();
    private volatile FitRun running;

    LearnerCallbacks() {
        callbacks.put("nan-guard", new NonFiniteLossGuard());
        callbacks.put("metrics", new EpochMetrics());
        callbacks.put("validation", new Validation());
        callbacks.put("history", new HistoryRecorder());
        callbacks.put("progress", new ProgressBar());
        callbacks.put("chart", new LiveChart());
        Path checkpoints = Checkpoints.folder();
        if (checkpoints != null) {
            callbacks.put("checkpoint", Checkpointer.to(checkpoints));
        }
    }

    /** Marks the {@code fit} now running ({@code null} when none), for {@link #stopFit(String)}. */
    final void running(FitRun run) {
        running = run;
    }

    /** @return whether a {@code fit} is running */
    final boolean fitting() {
        return running != null;
    }

    /**
     * Whether to measure the test set after each epoch (on by default when the data has one): adds
     * or removes the {@code "validation"} callback.
     *
     * @param on false to skip it
     * @return this learner
     */
    public Learner validate(boolean on) {
        if (!on) {
            callbacks.remove("validation");
        } else if (!(callbacks.get("validation") instanceof Validation)) {
            callbacks.put("validation", new Validation());
        }
        return (Learner) this;
    }

    /**
     * Registers a callback under a name; one already under that name is replaced, and the
     * replacement is reported.
     *
     * @param name its name, e.g. {@code progress}
     * @param callback the callback
     * @return a handle to remove it
     */
    public Registration callback(String name, Callback callback) {
        return callbacks.register(name, callback);
    }

    /**
     * Runs a lambda at one event of every {@code fit}, under the name {@code "on EVENT"} (so
     * re-running the cell replaces it), e.g.
     * {@code learner.on(Event.STEP_END, ctx -> { if (ctx.loss() < 0.3) ctx.stop("loss below 0.3"); })}.
     *
     * @param event when to run it
     * @param action what to do, given the training context
     * @return a handle to remove it
     */
    public Registration on(Event event, Consumer<TrainingContext> action) {
        return on("on " + event, event, action);
    }

    /**
     * Runs a lambda at one event, under a name of your choice (for several lambdas on one event).
     *
     * @param name its name
     * @param event when to run it
     * @param action what to do, given the training context
     * @return a handle to remove it
     */
    public Registration on(String name, Event event, Consumer<TrainingContext> action) {
        if (event == null || action == null) {
            throw new IllegalArgumentException("on(" + event + ", " + action + "): expected an Event such as"
                    + " Event.STEP_END and a lambda such as ctx -> ….");
        }
        return callback(name, new EventHandler(event, action));
    }

    /**
     * Asks the running {@code fit} to end cleanly before its next batch, as the notebook's Stop does,
     * without touching other learners or later cells. For callbacks; does nothing between fits.
     *
     * @param reason what {@code history().stopReason()} will say
     * @return whether a {@code fit} was running
     */
    public boolean stopFit(String reason) {
        FitRun run = running;
        if (run != null) {
            run.stop(reason);
        }
        return run != null;
    }

    /**
     * Records gradient statistics while training, under the callback name {@code "gradients"};
     * watching again replaces the earlier recorder and starts a new log.
     *
     * @param watch what to record, e.g. {@code Gradients.perLayer()}
     * @return this learner
     */
    public Learner watch(GradientWatch watch) {
        if (watch == null) {
            throw new IllegalArgumentException("watch(null): expected e.g. Gradients.perLayer().");
        }
        callback("gradients", new GradientRecorder(watch));
        return (Learner) this;
    }

    /** @return the gradient statistics recorded so far by {@link #watch(GradientWatch)} */
    public GradientLog gradients() {
        if (!(callbacks.get("gradients") instanceof GradientRecorder recorder)) {
            throw new IllegalStateException("No gradients recorded: call learner.watch(Gradients.perLayer())"
                    + " before fit(...).");
        }
        return recorder.log();
    }

    /**
     * Switches off the progress bar and the live chart, for scripts, tests and benchmarks.
     *
     * @return this learner
     */
    public Learner quiet() {
        removeCallback("progress");
        removeCallback("chart");
        return (Learner) this;
    }

    /**
     * Removes a callback by name, e.g. {@code "progress"} to train silently.
     *
     * @param name its name
     * @return whether one was removed
     */
    public boolean removeCallback(String name) {
        return callbacks.remove(name);
    }

    /**
     * Stops training once an epoch figure has not improved for {@code patience} epochs in a row,
     * and puts the best epoch's weights back, under the callback name {@code "early-stopping"}.
     *
     * @param metric e.g. {@code "val_loss"} (lower is better) or {@code "val_accuracy"} (higher)
     * @param patience epochs without improvement before stopping, at least 0
     * @return this learner
     * @see EarlyStopping
     */
    public Learner earlyStopping(String metric, int patience) {
        return earlyStopping(EarlyStopping.on(metric).patience(patience));
    }

    /**
     * Registers configured early stopping, e.g.
     * {@code earlyStopping(EarlyStopping.on("val_accuracy").patience(3).minDelta(1e-3))}.
     *
     * @param stopping the settings
     * @return this learner
     */
    public Learner earlyStopping(EarlyStopping stopping) {
        require(stopping, "earlyStopping", "EarlyStopping.on(\"val_loss\").patience(3)");
        callback("early-stopping", stopping.checkedFor((Learner) this));
        return (Learner) this;
    }

    /**
     * Multiplies the learning rate by {@code factor} once an epoch figure has not improved for
     * {@code patience} epochs, keeping the optimizer's state, under the name {@code "reduce-on-plateau"}.
     *
     * @param metric e.g. {@code "val_loss"}
     * @param factor between 0 and 1, e.g. 0.1
     * @param patience epochs without improvement before each reduction, at least 0
     * @return this learner
     * @see ReduceOnPlateau
     */
    public Learner reduceOnPlateau(String metric, double factor, int patience) {
        return reduceOnPlateau(ReduceOnPlateau.on(metric).factor(factor).patience(patience));
    }

    /**
     * Registers configured reduce-on-plateau, e.g.
     * {@code reduceOnPlateau(ReduceOnPlateau.on("val_loss").factor(0.5).patience(2).cooldown(1).minRate(1e-5))}.
     *
     * @param reduce the settings
     * @return this learner
     */
    public Learner reduceOnPlateau(ReduceOnPlateau reduce) {
        require(reduce, "reduceOnPlateau", "ReduceOnPlateau.on(\"val_loss\").patience(2)");
        callback("reduce-on-plateau", reduce.checkedFor((Learner) this));
        return (Learner) this;
    }

    /**
     * Keeps a copy of the weights and optimizer state of the best epoch so far by an epoch figure,
     * for {@link #restoreBest()}, under the name {@code "best"}.
     *
     * @param metric e.g. {@code "val_accuracy"}
     * @return this learner
     * @see KeepBest
     */
    public Learner keepBest(String metric) {
        return keepBest(KeepBest.on(metric));
    }

    /**
     * Registers a configured best-epoch keeper, e.g. {@code keepBest(KeepBest.on("f1").mode(MonitorMode.MAX))}.
     *
     * @param best the settings
     * @return this learner
     */
    public Learner keepBest(KeepBest best) {
        require(best, "keepBest", "KeepBest.on(\"val_accuracy\")");
        callback("best", best.checkedFor((Learner) this));
        return (Learner) this;
    }

    /**
     * Puts back the weights (and the optimizer state, when the optimizer is the same) of the best
     * epoch kept by {@link #keepBest(String)}; the step count and history go on, and the restore is
     * marked on the charts.
     *
     * @return this learner
     */
    public Learner restoreBest() {
        if (!(callbacks.get("best") instanceof KeepBest best)) {
            throw new IllegalStateException("restoreBest(): nothing is kept; call learner.keepBest(\"val_loss\") (or"
                    + " another epoch figure) before fit(…), then restoreBest() puts the best epoch back.");
        }
        if (fitting()) {
            throw new IllegalStateException("restoreBest() cannot run while fit(…) runs; call it after the fit.");
        }
        best.restoreInto((Learner) this);
        return (Learner) this;
    }

    /**
     * The learning-rate range test with fastai's defaults (1e-7 to 10 over 100 steps): see
     * {@link #findLearningRate(RangeTest)}.
     *
     * @return what the test found; {@code suggestion()} is the rate to use
     */
    public RangeTestResult findLearningRate() {
        return findLearningRate(RangeTest.defaults());
    }

    /**
     * Runs a learning-rate range test (Smith 2017; fastai's {@code lr_find}) on a copy of this
     * learner: the copy trains the batches of the next epoch with the rate growing geometrically,
     * until the last rate or until the smoothed loss diverges. This learner's weights, optimizer
     * state, history, step count and data order are left exactly as they were.
     *
     * @param test the rates, steps, divergence threshold and smoothing
     * @return the losses against the rates, the suggested rate and the rule it follows
     */
    public RangeTestResult findLearningRate(RangeTest test) {
        return RangeTestRun.run((Learner) this, test);
    }

    private static void require(Object settings, String method, String example) {
        if (settings == null) {
            throw new IllegalArgumentException(method + "(null): expected settings such as " + example + ".");
        }
    }

    /** @return the names of the registered callbacks, in calling order */
    public List<String> callbackNames() {
        return callbacks.names();
    }

    /**
     * A registered callback.
     *
     * @param name its name
     * @return the callback, or {@code null}
     */
    public Callback callback(String name) {
        return callbacks.get(name);
    }
}
