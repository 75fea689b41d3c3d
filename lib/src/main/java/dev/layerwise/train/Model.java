package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.LayerParams;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.Residual;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

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
            requireFinite(spec, values);
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

    /** Non-finite first weights would make every loss NaN; say so before any native work. */
    private static void requireFinite(ParamSpec spec, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("The initializer " + spec.init() + " drew " + values[i] + " for "
                        + spec.name() + " (value " + i + "); first weights must be finite float32 numbers. Use a smaller"
                        + " scale, e.g. Init.normal(0, 1) or Init.xavier().");
            }
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
            out = runLayer(net, i, out, layerParams.get(i), arrays::get, training);
        }
        return out;
    }

    /**
     * Runs one layer, turning a libtorch error into a {@link LayerFailureException} that names the
     * layer, its expected and actual input shapes and its arrays.
     */
    static NDArray runLayer(Net net, int index, NDArray x, LayerParams params, Function<String, NDArray> arrays,
            boolean training) {
        return runLayer(net, index, x, params, arrays, training, null);
    }

    /** Runs one layer; a residual block also hands each inner layer's output to {@code inner}, if given. */
    static NDArray runLayer(Net net, int index, NDArray x, LayerParams params, Function<String, NDArray> arrays,
            boolean training, BiConsumer<Layer, NDArray> inner) {
        try {
            Layer layer = net.layers().get(index);
            return inner != null && layer instanceof Residual r ? r.forward(x, params, training, inner)
                    : layer.forward(x, params, training);
        } catch (EngineException e) {
            throw LayerFailureException.of(net, index, x, arrays, e);
        }
    }

    /**
     * Puts another array in place of one of the model's, returning the old one; for tests that
     * provoke a real libtorch error with an array of the wrong shape. Not for training.
     */
    NDArray replaceArray(String name, NDArray replacement) {
        NDArray old = arrays.get(name);
        if (old == null) {
            throw new IllegalArgumentException("No array '" + name + "'. Arrays: " + arrays.keySet() + ".");
        }
        arrays.put(name, replacement);
        if (trainable.containsKey(name)) {
            trainable.put(name, replacement);
        }
        return old;
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

    /**
     * Takes copies of the arrays (on another device) in place of the current ones, which are freed.
     * Layers look their arrays up by name at each call, so they see the copies at once.
     */
    void adopt(Map<String, NDArray> copies) {
        for (Map.Entry<String, NDArray> e : copies.entrySet()) {
            NDArray old = arrays.put(e.getKey(), e.getValue());
            if (trainable.containsKey(e.getKey())) {
                e.getValue().setRequiresGradient(true);
                trainable.put(e.getKey(), e.getValue());
            }
            if (old != null && old != e.getValue()) {
                old.close();
            }
        }
    }
}
