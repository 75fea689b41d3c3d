package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Locale;

/**
 * Stochastic gradient descent, optionally with momentum and L2 weight decay:
 * {@code v ← μ·v + η·(g + λ·w); w ← w − v} (plain SGD when μ = 0). One native call per parameter,
 * updating in place.
 *
 * @param learningRate η, above 0
 * @param momentum μ, in [0, 1)
 * @param weightDecay λ, at least 0
 */
public record Sgd(double learningRate, double momentum, double weightDecay) implements Optimizer {
    /** Checks the settings. */
    public Sgd {
        Optimizer.requirePositiveRate("sgd", learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum(" + momentum + "): momentum must be in [0, 1);"
                    + " typical values are 0.5 to 0.99.");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay(" + weightDecay + "): must be at least 0, e.g. 1e-4.");
        }
    }

    /**
     * This optimizer with momentum (Polyak's heavy ball).
     *
     * @param mu the momentum, e.g. 0.9
     * @return the changed optimizer
     */
    public Sgd momentum(double mu) {
        return new Sgd(learningRate, mu, weightDecay);
    }

    /**
     * This optimizer with L2 weight decay.
     *
     * @param lambda the decay, e.g. 1e-4
     * @return the changed optimizer
     */
    public Sgd weightDecay(double lambda) {
        return new Sgd(learningRate, momentum, lambda);
    }

    @Override
    public void update(NDArray weight, NDArray gradient, ParamState state, double lr) {
        // Without momentum the native update never reads the state, so any array will do.
        NDArray velocity = momentum == 0 ? gradient : state.slot("velocity", weight::zerosLike);
        JniUtils.sgdUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) velocity,
                (float) lr, (float) weightDecay, 1f, -1f, (float) momentum);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("sgd(lr=").append(num(learningRate));
        if (momentum != 0) {
            sb.append(", momentum=").append(num(momentum));
        }
        if (weightDecay != 0) {
            sb.append(", weightDecay=").append(num(weightDecay));
        }
        return sb.append(')').toString();
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    @Override
    public String toString() {
        return describe();
    }
}
