package dev.layerwise.train;

/**
 * Something that runs at moments of training: progress display, statistics, charts, early stopping.
 * Register one under a name with {@link Learner#callback(String, Callback)}; registering again under
 * the same name replaces it, so re-running a cell never doubles anything.
 *
 * <p>Order of events in {@code fit(n)}: {@code fitStarted}, then per epoch {@code epochStarted},
 * per batch {@code afterBackward} (gradients exist, weights not yet updated) and
 * {@code stepEnded} (weights updated), then {@code epochEnded}; finally {@code fitEnded}, also
 * when training was stopped or failed.
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
}
