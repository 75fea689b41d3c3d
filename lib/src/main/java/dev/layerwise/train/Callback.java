package dev.layerwise.train;

/**
 * Something that runs at moments of training: progress display, history, metrics, validation,
 * statistics, charts, early stopping. Register one under a name with
 * {@link Learner#callback(String, Callback)}; registering again under the same name replaces it, so
 * re-running a cell never doubles anything. For a one-liner, {@link Learner#on(Event, java.util.function.Consumer)}
 * takes a lambda.
 *
 * <p>The events and their order are those of {@link Event}. At each event every callback is
 * called in registration order, first through the typed method below, then through
 * {@link #on(Event, TrainingContext)}. To end {@code fit} early, call
 * {@link TrainingContext#stop(String)} or {@link Learner#stopFit(String)}. An exception thrown by
 * a callback ends {@code fit} (after {@link Event#FIT_END}) as a {@link CallbackException} naming
 * the callback and the event.
 */
public interface Callback {
    /**
     * Training is about to start.
     *
     * @param learner the learner
     * @param epochs epochs requested
     * @param stepsPlanned steps that many epochs take
     */
    default void fitStarted(Learner learner, int epochs, long stepsPlanned) {}

    /**
     * An epoch is about to start.
     *
     * @param epoch its number, counting from 1 across calls
     */
    default void epochStarted(int epoch) {}

    /**
     * A batch is about to go forward.
     *
     * @param step the step's context; its arrays are valid only during this call
     */
    default void batchStarted(StepContext step) {}

    /**
     * Gradients of this batch exist and the weights are not yet updated: the moment to read them.
     *
     * @param step the step's context; its arrays are valid only during this call
     */
    default void afterBackward(StepContext step) {}

    /**
     * A step finished and the weights are updated.
     *
     * @param record the step's figures
     * @param step the step's context; its arrays are valid only during this call
     */
    default void stepEnded(StepRecord record, StepContext step) {}

    /**
     * The epoch's batches are done: add figures to its record.
     *
     * @param figures the record being filled in
     */
    default void measureEpoch(EpochFigures figures) {}

    /**
     * The epoch was measured on the test set.
     *
     * @param evaluation loss and accuracy on the test set
     */
    default void validated(Evaluation evaluation) {}

    /**
     * An epoch finished (or was stopped; see {@link EpochRecord#complete()}).
     *
     * @param record the epoch's figures
     */
    default void epochEnded(EpochRecord record) {}

    /**
     * Training ended, normally, by a stop request, or by an error.
     *
     * @param history this call's history
     */
    default void fitEnded(History history) {}

    /**
     * Any event, after its typed method: one place for callbacks that act on several events.
     *
     * @param event the event
     * @param context training at that moment
     */
    default void on(Event event, TrainingContext context) {}
}
