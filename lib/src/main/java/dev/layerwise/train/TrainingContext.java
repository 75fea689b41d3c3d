package dev.layerwise.train;

/**
 * Training as a callback sees it at any {@link Event}: where it is, the current step's figures
 * while a step runs, the epoch's record at its end, and a way to end {@code fit} cleanly.
 * <pre>{@code
 * learner.on(Event.STEP_END, ctx -> { if (ctx.loss() < 0.3) ctx.stop("loss below 0.3"); });
 * }</pre>
 * Step values ({@link #loss()}, {@link #accuracy()}, gradients) are computed when first asked
 * for: a step that no callback asks about reads nothing back from native memory.
 */
public interface TrainingContext extends StepContext {
    /** @return the event being announced */
    Event event();

    /** @return epochs this {@code fit} call was asked for */
    int epochsPlanned();

    /**
     * Ends this {@code fit} cleanly before the next batch, as the notebook's Stop does: the weights
     * and optimizer stay consistent, and {@code fit} returns the history so far, marked stopped with
     * this reason. Other learners and later cells are not affected.
     *
     * @param reason what to report, e.g. {@code loss below 0.3}
     */
    void stop(String reason);

    /** @return whether a stop was asked for during this {@code fit} */
    boolean stopping();

    /** @return the part of the history this {@code fit} has recorded so far */
    History history();

    /** @return the finished epoch's record at {@link Event#EPOCH_END}, otherwise {@code null} */
    EpochRecord epochRecord();

    /**
     * The epoch's test-set measurement, from {@link Event#VALIDATION_END} to {@link Event#EPOCH_END}.
     *
     * @return the measurement, or {@code null} elsewhere and for epochs not validated
     */
    Evaluation evaluation();

    /**
     * The step's record (reads the loss if nobody has yet), at {@link Event#STEP_END}.
     *
     * @return the record, or {@code null} outside a step
     */
    StepRecord stepRecord();
}
