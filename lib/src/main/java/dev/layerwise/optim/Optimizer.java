package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

/**
 * An update rule as a value: its settings only. The learner owns the state (in a
 * {@link ParamState} per parameter, keyed by the parameter's name) and calls
 * {@link #update(NDArray, NDArray, ParamState, double)} after each backward pass, so an optimizer
 * can be swapped between cells without touching the weights.
 */
public interface Optimizer extends Displayable {
    /** @return the base learning rate */
    double learningRate();

    /**
     * Updates one parameter in place from its gradient.
     *
     * @param weight the parameter
     * @param gradient its gradient for this step
     * @param state this parameter's optimizer state
     * @param learningRate the rate for this step and parameter
     */
    void update(NDArray weight, NDArray gradient, ParamState state, double learningRate);

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
