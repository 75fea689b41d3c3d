package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

/**
 * An update rule as a value: its settings only. The learner owns the state (in a
 * {@link ParamState} per parameter, keyed by the parameter's name) and calls
 * {@link #update(NDArray, NDArray, ParamState, double, long)} after each backward pass, so an
 * optimizer can be swapped between cells without touching the weights.
 */
public interface Optimizer extends Displayable {
    /** @return the learning rate as a function of this optimizer's step */
    Schedule learningRate();

    /** @return the momentum as a function of the step, or {@code null} for rules without momentum */
    default Schedule momentum() {
        return null;
    }

    /**
     * Updates one parameter in place from its gradient. Runs with autograd off.
     *
     * @param weight the parameter
     * @param gradient its gradient for this step; scratch space the rule may overwrite, since the
     *     learner clears every gradient right after the update (this saves a copy per parameter)
     * @param state this parameter's optimizer state
     * @param rateScale the parameter's learning-rate multiplier (1 unless the layer has its own)
     * @param step updates this optimizer has made before this one, from 0
     */
    void update(NDArray weight, NDArray gradient, ParamState state, double rateScale, long step);

    /** @return the settings in one line, e.g. {@code sgd(lr=0.1, momentum=0.9)} */
    String describe();

    @Override
    default MimeBundle toMimeBundle() {
        return MimeBundle.text(describe());
    }

    /**
     * Checks a learning rate.
     *
     * @param who the optimizer's name for the message
     * @param lr the rate
     */
    static void requirePositiveRate(String who, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(who + "(" + lr + "): the learning rate must be a finite number > 0;"
                    + " typical values are 0.01 to 0.5 for SGD and 1e-3 for Adam.");
        }
    }
}
