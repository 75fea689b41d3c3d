package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.ParamSpec;

import java.util.Set;

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

    /**
     * Updates one parameter in place, with or without weight decay: the learner passes
     * {@link #decays(ParamSpec)} for the parameter. Rules without exemptions ignore the flag.
     *
     * @param weight the parameter
     * @param gradient its gradient, scratch space as in {@link #update(NDArray, NDArray, ParamState, double, long)}
     * @param state this parameter's optimizer state
     * @param rateScale the parameter's learning-rate multiplier
     * @param step updates this optimizer has made before this one, from 0
     * @param decay whether weight decay applies to this parameter
     */
    default void update(NDArray weight, NDArray gradient, ParamState state, double rateScale, long step,
            boolean decay) {
        update(weight, gradient, state, rateScale, step);
    }

    /**
     * Whether weight decay applies to a parameter; biases and batch-norm parameters are often
     * exempt (see {@code noDecayOn} and {@code decayWeightsOnly} of the library's rules).
     *
     * @param parameter the parameter, by full name and role
     * @return true unless it is exempt
     */
    default boolean decays(ParamSpec parameter) {
        return true;
    }

    /**
     * The largest global gradient norm: before each update the learner scales all gradients
     * together by {@code maxNorm / (norm + 1e-6)} when that is below 1, as PyTorch's
     * {@code torch.nn.utils.clip_grad_norm_} does.
     *
     * @return the bound, or 0 when off
     */
    default double clipGradNorm() {
        return 0;
    }

    /**
     * The names of the state arrays this rule keeps per parameter, e.g. {@code velocity}. Two
     * rules that name the same arrays keep the same state with the same meaning, so a learner
     * switching between them carries the state over (Adam and AdamW, momentum and Nesterov).
     *
     * @return the names (empty for a rule without state), or {@code null} when unknown, in which
     *     case a switch always starts the state fresh
     */
    default Set<String> stateSlots() {
        return null;
    }

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
