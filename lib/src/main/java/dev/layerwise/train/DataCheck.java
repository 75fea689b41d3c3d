package dev.layerwise.train;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.nn.ShapeMismatchException;
import dev.layerwise.nn.Shapes;

import java.util.Arrays;

/** Checks, before any native code runs, that a data set fits a net: input shape, outputs, targets. */
final class DataCheck {
    private DataCheck() {}

    /** What {@code Learner.of} needs: a net and data that fit it, with initializers that can fill every parameter. */
    static void requireLearnable(Net net, Dataset data) {
        if (net == null || data == null) {
            throw new IllegalArgumentException("Learner.of(net, data): both are required, got net=" + net
                    + ", data=" + (data == null ? "null" : data.name()) + ".");
        }
        requireFits(net, data);
        requireDrawable(net);
    }

    /** Data's labels meet the loss: softmax cross-entropy cannot train on regression targets. */
    static void requireLossFits(Loss loss, Dataset data, String method) {
        if (loss.needsLabels() && !data.train().hasLabels()) {
            throw new IllegalArgumentException(method + ": the loss " + loss.name() + " needs class labels, but the data '"
                    + data.name() + "' has " + (data.train().hasTargets() ? "regression targets "
                    + Shapes.format(Shapes.of(data.train().targetShape())) : "no labels") + " only. Use Loss.mse()"
                    + " (or Loss.binaryCrossEntropy() for targets in [0, 1]), or give the data labels.");
        }
    }

    /** Every parameter's initializer can fill it (e.g. sparse(k) needs k inputs per unit). */
    static void requireDrawable(Net net) {
        for (ParamSpec p : net.parameters()) {
            p.init().check(p);
        }
    }

    static void requireFits(Net net, Dataset data) {
        if (data == null) {
            throw new IllegalArgumentException("expected a data set, got null; e.g. data.test() or data.subset(1000).");
        }
        if (net.layers().isEmpty()) {
            throw new IllegalArgumentException("The net has no layers; add some, e.g. Net.input(784).dense(10).");
        }
        long[] expected = net.inputShape();
        long[] got = Shapes.of(data.sampleShape());
        if (!Arrays.equals(expected, got)) {
            String fix = Shapes.size(expected) == Shapes.size(got)
                    ? (expected.length == 3 ? "Call data.images() to get image-shaped examples."
                            : "Call data.flat() to get flat examples.")
                    : "Build the net with Net.input" + Arrays.toString(got).replace('[', '(').replace(']', ')') + ".";
            throw new ShapeMismatchException("input", got, Shapes.format(expected) + " (the net's input)",
                    "The data '" + data.name() + "' gives examples of shape " + Shapes.format(got) + ". " + fix);
        }
        long[] out = net.outputShape();
        String last = net.layers().get(net.layers().size() - 1).name();
        Examples train = data.train();
        if (train.hasTargets()) {
            long[] target = Shapes.of(train.targetShape());
            if (!Arrays.equals(out, target)) {
                throw new ShapeMismatchException(last, out, Shapes.format(target) + " (the shape of the targets of '"
                        + data.name() + "')", "End the net with a layer of that shape, e.g. .dense(" + Shapes.size(target)
                        + ") for flat targets.");
            }
        } else if (!train.hasLabels()) {
            throw new IllegalArgumentException("The data '" + data.name() + "' has neither labels nor targets, so there"
                    + " is nothing to learn; give it labels, or targets with examples.withTargets(...) or"
                    + " withFeaturesAsTargets() for an autoencoder.");
        } else if (out.length != 1 || out[0] != data.numClasses()) {
            throw new ShapeMismatchException(last, out,
                    "[" + data.numClasses() + "] (one output per class of '" + data.name() + "')",
                    "End the net with .dense(" + data.numClasses() + ").");
        }
    }
}
