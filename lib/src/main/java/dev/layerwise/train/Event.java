package dev.layerwise.train;

/**
 * The moments of {@code fit(n)} a callback can act at, in this order:
 * <ul>
 *   <li>{@link #FIT_START}</li>
 *   <li>for each epoch:
 *     <ul>
 *       <li>{@link #EPOCH_START}</li>
 *       <li>for each batch:
 *         <ul>
 *           <li>{@link #BATCH_START}</li>
 *           <li>{@link #AFTER_BACKWARD} — gradients exist, weights not yet updated</li>
 *           <li>{@link #STEP_END} — weights updated</li>
 *         </ul>
 *       </li>
 *       <li>{@link #EPOCH_MEASURE} — the epoch's figures are gathered (metrics, validation)</li>
 *       <li>{@link #VALIDATION_END} — only when the epoch was validated on the test set</li>
 *       <li>{@link #EPOCH_END} — the epoch's record is complete</li>
 *     </ul>
 *   </li>
 *   <li>{@link #FIT_END} — always: after the last epoch, a stop, or an error</li>
 * </ul>
 * A stop (the notebook's Stop button, {@link TrainingContext#stop(String)} or
 * {@link Learner#stopFit(String)}) takes effect before the next {@link #BATCH_START}: the epoch
 * it interrupts still gets {@link #EPOCH_MEASURE} and {@link #EPOCH_END} (marked incomplete, not
 * validated) when at least one of its batches ran, and no further epoch starts. Callbacks run in registration order at every event.
 */
public enum Event {
    /** {@code fit} is about to train; nothing has changed yet. */
    FIT_START,
    /** An epoch is about to start. */
    EPOCH_START,
    /** A batch is about to go forward. */
    BATCH_START,
    /** The batch's gradients exist and the weights are not yet updated: the moment to read them. */
    AFTER_BACKWARD,
    /** The step finished: weights updated, gradients cleared. */
    STEP_END,
    /** The epoch's batches are done; callbacks add their figures (accuracy, test loss) to its record. */
    EPOCH_MEASURE,
    /** The epoch was measured on the test set; {@link TrainingContext#evaluation()} has the result. */
    VALIDATION_END,
    /** The epoch's record is complete; {@link TrainingContext#epochRecord()} has it. */
    EPOCH_END,
    /** {@code fit} ended, normally, by a stop, or by an error; {@link TrainingContext#history()} has its part. */
    FIT_END
}
