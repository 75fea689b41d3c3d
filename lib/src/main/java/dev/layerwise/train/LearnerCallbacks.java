package dev.layerwise.train;

import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The callback half of {@link Learner}'s notebook facade, in a file of its own: registering,
 * replacing and removing callbacks by name, lambdas for one event, stopping a running {@code fit},
 * and the switches that add or remove default callbacks ({@code watch}, {@code quiet},
 * {@code validate}). Users only ever see it as methods of {@link Learner}.
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
