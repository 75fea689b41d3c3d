package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.LayerParams;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A net made real: its parameter and buffer arrays, drawn from their initializers with a seed. */
final class Model {
    private final Net net;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final List<ParamSpec> specs;
    private final List<LayerParams> layerParams = new ArrayList<>();

    Model(Net net, NDManager manager, Device device, long seed) {
        this.net = net;
        this.specs = net.parameters();
        for (ParamSpec spec : specs) {
            float[] values = new float[Math.toIntExact(spec.size())];
            spec.init().fill(values, spec, new Random(mix(seed, spec.name())));
            NDArray array = manager.create(values, new Shape(spec.shape())).toDevice(device, false);
            array.setName(spec.name());
            if (spec.role().trainable()) {
                array.setRequiresGradient(true);
                trainable.put(spec.name(), array);
            }
            arrays.put(spec.name(), array);
        }
        for (Layer layer : net.layers()) {
            String prefix = layer.name() + ".";
            layerParams.add(name -> {
                NDArray a = arrays.get(prefix + name);
                if (a == null) {
                    throw new IllegalStateException(layer.name() + " has no parameter '" + name + "'");
                }
                return a;
            });
        }
    }

    /** Each parameter gets its own stream, so adding a layer does not change the others' draws. */
    private static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }

    /**
     * Runs the net.
     *
     * @param x the input batch
     * @param training training mode for dropout and batch norm
     * @param skipFinalSigmoid stop before a final sigmoid, for losses that take logits
     */
    NDArray forward(NDArray x, boolean training, boolean skipFinalSigmoid) {
        List<Layer> layers = net.layers();
        return forward(x, training, skipFinalSigmoid && endsWithSigmoid() ? layers.size() - 1 : layers.size());
    }

    /** Runs the first {@code end} layers. */
    NDArray forward(NDArray x, boolean training, int end) {
        List<Layer> layers = net.layers();
        NDArray out = x;
        for (int i = 0; i < end; i++) {
            out = layers.get(i).forward(out, layerParams.get(i), training);
        }
        return out;
    }

    boolean endsWithSigmoid() {
        List<Layer> layers = net.layers();
        return !layers.isEmpty() && layers.get(layers.size() - 1) instanceof Activation
                && ((Activation) layers.get(layers.size() - 1)).function() == Activation.Function.SIGMOID;
    }

    List<ParamSpec> specs() {
        return specs;
    }

    /** Parameters the optimizer updates, by full name, in layer order. */
    Map<String, NDArray> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    /** Every array, buffers included, by full name. */
    Map<String, NDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }
}
