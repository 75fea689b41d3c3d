package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Layer;
import dev.layerwise.nn.LayerParams;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.Residual;
import dev.layerwise.stats.GradientLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Activation statistics on a fixed probe batch: the first examples of the training data, run
 * through every layer in evaluation mode (as Glorot and Bengio 2010 watched a fixed set of
 * examples). Per layer: mean and std of its outputs; for sigmoid and tanh, the fraction saturated;
 * for ReLU, the fraction of units that are zero on every probe example.
 */
final class ActivationProbe {
    /** Largest probe batch; fewer rows when the net's layer outputs are large. */
    static final int MAX_ROWS = 100;
    private static final long MAX_VALUES = 2_000_000;
    private Examples cachedFrom;
    private float[] features;
    private int rows;

    /** One probe forward pass: each layer's output, flattened, valid until the step ends. */
    record Pass(List<Layer> layers, List<NDArray> flat, int rows) {
        /** Reads every layer's outputs back in one transfer and adds their activation rows. */
        void record(GradientLog log, long step, int epoch) {
            float[] v = NDArrays.concat(new NDList(flat)).toFloatArray();
            int at = 0;
            for (int i = 0; i < layers.size(); i++) {
                int size = Math.toIntExact(flat.get(i).size());
                summarize(log, step, epoch, layers.get(i), v, at, size, rows);
                at += size;
            }
        }
    }

    /** Runs the probe batch through the step's current weights. */
    Pass run(StepContext step) {
        Learner learner = step.learner();
        Net net = learner.net();
        Examples train = learner.data().train();
        if (!train.equals(cachedFrom)) {
            long perRow = 1 + valuesPerRow(net);
            rows = (int) Math.max(1, Math.min(Math.min(MAX_ROWS, train.size()), MAX_VALUES / perRow));
            int[] index = new int[rows];
            for (int i = 0; i < rows; i++) {
                index[i] = i;
            }
            features = new float[rows * train.sampleSize()];
            train.copyFeatures(index, features, 0);
            cachedFrom = train;
        }
        Map<String, NDArray> params = step.parameters();
        NDManager manager = params.values().iterator().next().getManager();
        long[] in = net.inputShape();
        long[] shape = new long[in.length + 1];
        shape[0] = rows;
        System.arraycopy(in, 0, shape, 1, in.length);
        NDArray x = manager.create(features, new Shape(shape)).toDevice(learner.device(), false);
        return forward(net, x, name -> {
            NDArray a = params.get(name);
            return a != null ? a : buffer(learner, manager, name);
        }, rows, false);
    }

    /** A non-trainable array (batch-norm running statistics), copied from the learner. */
    private static NDArray buffer(Learner learner, NDManager manager, String name) {
        long[] shape = learner.net().parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The net has no array '" + name + "'.")).shape();
        return manager.create(learner.parameter(name), new Shape(shape)).toDevice(learner.device(), false);
    }

    /**
     * Runs every layer on {@code x}, keeping each output flattened.
     *
     * @param lookup arrays by full name, e.g. {@code dense_1.weight}
     * @param training training mode: batch norm uses the batch's statistics (and updates the running
     *     averages it is given, so pass copies), dropout is active
     */
    static Pass forward(Net net, NDArray x, java.util.function.Function<String, NDArray> lookup, int rows,
            boolean training) {
        List<Layer> layers = new ArrayList<>();
        List<NDArray> flat = new ArrayList<>();
        NDArray out = x;
        for (int i = 0; i < net.layers().size(); i++) {
            Layer layer = net.layers().get(i);
            String prefix = layer.name() + ".";
            LayerParams p = name -> lookup.apply(prefix + name);
            // a block's layers come before the block, under their paths (res_1.relu_1)
            out = Model.runLayer(net, i, out, p, lookup, training, (inner, a) -> {
                layers.add(inner.named(prefix + inner.name()));
                flat.add(a.reshape(-1));
            });
            layers.add(layer);
            flat.add(out.reshape(-1));
        }
        return new Pass(layers, flat, rows);
    }

    /** Output values of one example over every layer, blocks' layers included. */
    private static long valuesPerRow(Net net) {
        long n = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            n += size(net.outputShapeOf(i));
            if (net.layers().get(i) instanceof Residual r) {
                n += valuesPerRow(r.body()) + valuesPerRow(r.shortcut());
            }
        }
        return n;
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Adds mean, std and (by activation) saturated or dead fractions of one layer's outputs. */
    static void summarize(GradientLog log, long step, int epoch, Layer layer, float[] v, int offset, int size,
            int rows) {
        double sum = 0;
        for (int k = offset; k < offset + size; k++) {
            sum += v[k];
        }
        double mean = sum / size;
        double var = 0;
        for (int k = offset; k < offset + size; k++) {
            double d = v[k] - mean;
            var += d * d;
        }
        String name = layer.name();
        log.add(new GradientLog.Row(step, epoch, name, GradientLog.ACTIVATION, GradientLog.MEAN, mean));
        log.add(new GradientLog.Row(step, epoch, name, GradientLog.ACTIVATION, GradientLog.STD, Math.sqrt(var / size)));
        if (!(layer instanceof Activation a)) {
            return;
        }
        switch (a.function()) {
            case SIGMOID, TANH -> {
                boolean sigmoid = a.function() == Activation.Function.SIGMOID;
                long saturated = 0;
                for (int k = offset; k < offset + size; k++) {
                    float x = v[k];
                    if (sigmoid ? x < 0.01f || x > 0.99f : Math.abs(x) > 0.99f) {
                        saturated++;
                    }
                }
                log.add(new GradientLog.Row(step, epoch, name, GradientLog.ACTIVATION, GradientLog.SATURATED,
                        saturated / (double) size));
            }
            case RELU -> {
                int units = size / rows;
                long dead = 0;
                for (int u = 0; u < units; u++) {
                    boolean zero = true;
                    for (int r = 0; r < rows && zero; r++) {
                        zero = v[offset + r * units + u] == 0f;
                    }
                    if (zero) {
                        dead++;
                    }
                }
                log.add(new GradientLog.Row(step, epoch, name, GradientLog.ACTIVATION, GradientLog.DEAD,
                        dead / (double) Math.max(1, units)));
            }
            default -> {
            }
        }
    }
}
