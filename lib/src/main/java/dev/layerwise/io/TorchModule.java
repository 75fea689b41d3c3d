package dev.layerwise.io;

import dev.layerwise.nn.Activation;
import dev.layerwise.nn.AvgPool;
import dev.layerwise.nn.BatchNorm;
import dev.layerwise.nn.Conv2d;
import dev.layerwise.nn.Dense;
import dev.layerwise.nn.Dropout;
import dev.layerwise.nn.Flatten;
import dev.layerwise.nn.GlobalAvgPool;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.MaxPool;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.Residual;
import dev.layerwise.nn.Shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PyTorch module that computes exactly what one Layerwise layer computes, and the names its
 * arrays have in that module's {@code state_dict}.
 *
 * <p>Conventions checked against PyTorch: dense weights are [out, in] as in {@code nn.Linear};
 * conv kernels are [out, in, k, k] with symmetric zero padding as in {@code nn.Conv2d}; pooling
 * has no padding and rounds down ({@code ceil_mode=False}); batch norm keeps PyTorch's momentum
 * convention and epsilon; GELU is the exact (erf) form, {@code nn.GELU()}'s default; softplus has
 * β = 1 and threshold 20; flatten is row-major over [channels, height, width]; global average
 * pooling is {@code nn.AdaptiveAvgPool2d(1)} then {@code nn.Flatten()}. A residual block is the
 * module {@code Residual(body, shortcut)} of {@link TorchNames#RESIDUAL_CLASS}, its body and
 * shortcut each an {@code nn.Sequential}; its arrays are its layers' (see {@link TorchNames}).
 *
 * @param source the module as Python source, e.g. {@code nn.Linear(784, 30)}
 * @param params Layerwise's name of each array in the layer → PyTorch's name in the module, in
 *               {@code state_dict} order
 * @param countsBatches whether PyTorch's module also has {@code num_batches_tracked}
 */
record TorchModule(String source, Map<String, String> params, boolean countsBatches) {
    /** PyTorch's name of the batch counter batch-norm modules keep beside their running statistics. */
    static final String BATCH_COUNT = "num_batches_tracked";

    /**
     * The module for one layer.
     *
     * @param layer the layer
     * @param in its per-example input shape
     * @return the equivalent module
     * @throws IllegalArgumentException for a layer type with no known equivalent
     */
    static TorchModule of(Layer layer, long[] in) {
        if (layer instanceof Dense d) {
            return weighted("nn.Linear(" + in[0] + ", " + d.units() + ")");
        }
        if (layer instanceof Conv2d c) {
            return weighted("nn.Conv2d(" + in[0] + ", " + c.filters() + ", " + c.kernel()
                    + (c.stride() != 1 ? ", stride=" + c.stride() : "") + (c.padding() != 0 ? ", padding=" + c.padding() : "")
                    + ")");
        }
        if (layer instanceof BatchNorm b) {
            String options = (b.epsilon() != 1e-5 ? ", eps=" + py(b.epsilon()) : "")
                    + (b.momentum() != 0.1 ? ", momentum=" + py(b.momentum()) : "");
            return new TorchModule("nn.BatchNorm" + (in.length == 1 ? "1d(" : "2d(") + in[0] + options + ")",
                    Map.of("gamma", "weight", "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var"),
                    true);
        }
        if (layer instanceof Activation a) {
            return plain(activation(a));
        }
        if (layer instanceof Dropout d) {
            return plain("nn.Dropout(" + py(d.rate()) + ")");
        }
        if (layer instanceof MaxPool p) {
            return plain("nn.MaxPool2d(" + p.size() + (p.stride() != p.size() ? ", stride=" + p.stride() : "") + ")");
        }
        if (layer instanceof AvgPool p) {
            return plain("nn.AvgPool2d(" + p.size() + (p.stride() != p.size() ? ", stride=" + p.stride() : "") + ")");
        }
        if (layer instanceof Flatten) {
            return plain("nn.Flatten()");
        }
        if (layer instanceof GlobalAvgPool) {
            return plain("nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())");
        }
        if (layer instanceof Residual r) {
            return plain("Residual(" + sequential(r.body()) + (r.shortcut().layers().isEmpty() ? ""
                    : ", " + sequential(r.shortcut())) + ")");
        }
        throw new IllegalArgumentException("Layer '" + layer.name() + "' (" + layer.kind() + ", class "
                + layer.getClass().getName() + ", input " + Shapes.format(in) + ") has no PyTorch equivalent that"
                + " TorchNames knows, so its weights cannot be exchanged with PyTorch. Layers that map: Dense,"
                + " Conv2d, BatchNorm, the activations, Dropout, MaxPool, AvgPool, GlobalAvgPool, Flatten, Residual.");
    }

    /** A block's body or shortcut as one {@code nn.Sequential} on a line. */
    private static String sequential(Net net) {
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            modules.add(of(net.layers().get(i), net.inputShapeOf(i)).source());
        }
        return "nn.Sequential(" + String.join(", ", modules) + ")";
    }

    private static String activation(Activation a) {
        switch (a.function()) {
            case SIGMOID:
                return "nn.Sigmoid()";
            case TANH:
                return "nn.Tanh()";
            case RELU:
                return "nn.ReLU()";
            case LEAKY_RELU:
                return "nn.LeakyReLU(" + py(a.alpha()) + ")";
            case ELU:
                return a.alpha() == 1.0 ? "nn.ELU()" : "nn.ELU(alpha=" + py(a.alpha()) + ")";
            case GELU:
                return "nn.GELU()";
            case SOFTPLUS:
                return "nn.Softplus()";
            default:
                throw new AssertionError(a.function());
        }
    }

    private static TorchModule weighted(String source) {
        return new TorchModule(source, Map.of("weight", "weight", "bias", "bias"), false);
    }

    private static TorchModule plain(String source) {
        return new TorchModule(source, Map.of(), false);
    }

    /** A double as a Python float literal that reads back to the same value. */
    static String py(double d) {
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
