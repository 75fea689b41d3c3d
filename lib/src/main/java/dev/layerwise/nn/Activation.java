package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

import java.util.Locale;

/**
 * An element-wise nonlinearity as its own layer, so summaries and gradient charts show it.
 *
 * @param name the layer's name
 * @param function which nonlinearity
 * @param alpha the slope for leaky ReLU or the scale for ELU; ignored by the others
 */
public record Activation(String name, Function function, double alpha) implements Layer {
    /** Checks the settings. */
    public Activation {
        if (function == null) {
            throw new IllegalArgumentException("Activation: the function is null; expected one of "
                    + java.util.Arrays.toString(Function.values()) + ", e.g. Activation.Function.RELU.");
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(function.builderName() + "(" + alpha + "): "
                    + (function == Function.ELU ? "α" : "the slope") + " must be a finite number; the default is "
                    + (function == Function.ELU ? "1.0" : "0.01") + ".");
        }
    }


    /** The supported nonlinearities. */
    public enum Function {
        /** σ(x) = 1 / (1 + e^-x); saturates, the root of vanishing gradients in deep nets. */
        SIGMOID,
        /** tanh(x); zero-centred but saturating. */
        TANH,
        /** max(0, x) (Nair and Hinton 2010; Glorot et al. 2011). */
        RELU,
        /** x for x > 0, else αx (Maas et al. 2013). */
        LEAKY_RELU,
        /** x for x > 0, else α(e^x - 1) (Clevert et al. 2015). */
        ELU,
        /** x·Φ(x) (Hendrycks and Gimpel 2016). */
        GELU,
        /** log(1 + e^x), a smooth ReLU. */
        SOFTPLUS;

        /** @return the builder's name for it, e.g. {@code leakyRelu} */
        public String builderName() {
            String lower = name().toLowerCase(Locale.ROOT);
            int u = lower.indexOf('_');
            return u < 0 ? lower : lower.substring(0, u) + Character.toUpperCase(lower.charAt(u + 1)) + lower.substring(u + 2);
        }
    }

    @Override
    public String kind() {
        String b = function.builderName();
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    @Override
    public Activation named(String newName) {
        return new Activation(newName, function, alpha);
    }

    @Override
    public long[] outputShape(long[] in) {
        return in.clone();
    }

    @Override
    public String settings() {
        return function == Function.LEAKY_RELU || function == Function.ELU ? "α " + alpha : "";
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        switch (function) {
            case SIGMOID:
                return ai.djl.nn.Activation.sigmoid(x);
            case TANH:
                return ai.djl.nn.Activation.tanh(x);
            case RELU:
                return ai.djl.nn.Activation.relu(x);
            case LEAKY_RELU:
                return ai.djl.nn.Activation.leakyRelu(x, (float) alpha);
            case ELU:
                return ai.djl.nn.Activation.elu(x, (float) alpha);
            case GELU:
                return ai.djl.nn.Activation.gelu(x);
            case SOFTPLUS:
                return ai.djl.nn.Activation.softPlus(x);
            default:
                throw new AssertionError(function);
        }
    }
}
