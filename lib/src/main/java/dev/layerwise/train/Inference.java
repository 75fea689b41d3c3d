package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.engine.Torch;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.device.DeviceMismatchException;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.ShapeMismatchException;
import dev.layerwise.nn.Shapes;

import java.util.Arrays;

/** Running a learner's net without training: evaluation, prediction, a layer's outputs. */
final class Inference {
    private final Learner learner;

    Inference(Learner learner) {
        this.learner = learner;
    }

    private Loss loss() {
        return learner.loss();
    }

    Evaluation evaluate(Dataset set) {
        if (set == null) {
            throw new IllegalArgumentException("evaluate(null): expected a data set, e.g. evaluate(data.test()), or"
                    + " evaluate() for this learner's own test set.");
        }
        DataCheck.requireFits(learner.net(), set);
        DataCheck.requireLossFits(loss(), set, "evaluate(" + set.name() + ")");
        Model m = learner.state().model();
        DeviceData d = learner.state().deviceData(set.train());
        int n = set.size();
        int batch = 1000;
        boolean fused = loss().fusesFinalSigmoid() && m.endsWithSigmoid();
        DeviceData.Ordered stored = d.asStored();
        try (Torch.NoGrad ignored = Torch.noGrad(); NDScope scope = new NDScope();
                FitThreads threads = FitThreads.choose(learner.net().paramCount(), batch);
                EvaluationPass pass = new EvaluationPass(confidence(fused))) {
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                threads.beforeStep();
                try (NDScope batchScope = new NDScope()) {
                    DeviceData.Batch b = stored.batch(from, to);
                    BatchTargets targets = b.targets();
                    NDArray out = m.forward(b.x(), false, fused);
                    pass.add(out, targets, fused ? loss().computeFromLogits(out, targets) : loss().compute(out, targets));
                }
            }
            return pass.finish(set);
        }
    }

    /** Softmax cross-entropy's outputs are logits of probabilities; a fused sigmoid's are logits; others as they are. */
    private EvaluationPass.Confidence confidence(boolean fused) {
        if (loss().name().equals(Loss.softmaxCrossEntropy().name())) {
            return EvaluationPass.Confidence.PROBABILITY;
        }
        return fused ? EvaluationPass.Confidence.SIGMOID : EvaluationPass.Confidence.OUTPUT;
    }

    NDArray predict(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("predict(null): expected a batch shaped [batch, "
                    + Shapes.format(learner.net().inputShape()).substring(1) + ", or predict(float[]...) for plain arrays.");
        }
        if (!x.getDevice().equals(learner.device())) {
            throw new DeviceMismatchException("predict(x)", x.getDevice(), learner.device(), "Move the batch,"
                    + " predict(x.toDevice(learner.device(), false)), or the learner, learner.device(x.getDevice()).");
        }
        long[] expected = learner.net().inputShape();
        long[] got = x.getShape().getShape();
        if (got.length != expected.length + 1 || !Arrays.equals(Arrays.copyOfRange(got, 1, got.length), expected)) {
            throw new ShapeMismatchException("input", got, Shapes.format(Shapes.batched(-1, expected))
                    .replace("-1", "batch"), "Pass a batch of examples shaped like the net's input.");
        }
        if (got[0] == 0) {
            throw new IllegalArgumentException("predict: the batch " + Shapes.format(got) + " holds no example;"
                    + " pass at least one.");
        }
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("predict: the batch is " + x.getDataType() + " but the net's weights are"
                    + " float32; convert it first with x.toType(DataType.FLOAT32, false).");
        }
        Model m = learner.state().model();
        try (Torch.NoGrad ignored = Torch.noGrad()) {
            NDArray out;
            try (NDScope scope = new NDScope()) {
                out = m.forward(x.toDevice(learner.device(), false), false, false);
                NDScope.unregister(out);
            }
            NDArray result = out.toDevice(x.getDevice(), false);
            result.attach(x.getManager());
            return result;
        }
    }

    float[][] predict(float[]... examples) {
        long size = Shapes.size(learner.net().inputShape());
        if (examples == null || examples.length == 0) {
            throw new IllegalArgumentException("predict(): no examples given; pass one or more arrays of " + size
                    + " values " + Shapes.format(learner.net().inputShape()) + ".");
        }
        for (int i = 0; i < examples.length; i++) {
            if (examples[i] == null) {
                throw new IllegalArgumentException("predict: example " + i + " is null; expected " + size + " values.");
            }
            if (examples[i].length != size) {
                throw new IllegalArgumentException("predict: example " + i + " has " + examples[i].length
                        + " values but the net takes " + size + " " + Shapes.format(learner.net().inputShape()) + ".");
            }
            for (int j = 0; j < examples[i].length; j++) {
                if (!Float.isFinite(examples[i][j])) {
                    throw new IllegalArgumentException("predict: value " + j + " of example " + i + " is "
                            + examples[i][j] + "; inputs must be finite (replace or drop NaN/Inf values first).");
                }
            }
        }
        try (NDManager scratch = NDManager.newBaseManager(learner.device())) {
            float[] flat = new float[Math.toIntExact(examples.length * size)];
            for (int i = 0; i < examples.length; i++) {
                System.arraycopy(examples[i], 0, flat, (int) (i * size), (int) size);
            }
            NDArray x = scratch.create(flat, new Shape(Shapes.batched(examples.length, learner.net().inputShape())));
            float[] out = predict(x).toFloatArray();
            int outputs = out.length / Math.max(1, examples.length);
            float[][] result = new float[examples.length][];
            for (int i = 0; i < examples.length; i++) {
                result[i] = Arrays.copyOfRange(out, i * outputs, (i + 1) * outputs);
            }
            return result;
        }
    }

    float[] outputs(Examples examples, String layer) {
        if (examples == null) {
            throw new IllegalArgumentException("outputs(null, …): expected examples shaped like the net's input"
                    + ", e.g. data.train().subset(100).");
        }
        int end = learner.net().layerNames().indexOf(layer) + 1;
        if (end == 0) {
            throw new IllegalArgumentException("outputs(…, \"" + layer + "\"): no such layer. Layers: "
                    + learner.net().layerNames() + ".");
        }
        long[] expected = learner.net().inputShape();
        if (!Arrays.equals(expected, Shapes.of(examples.sampleShape()))) {
            throw new ShapeMismatchException("input", Shapes.of(examples.sampleShape()), Shapes.format(expected),
                    "Pass examples shaped like the net's input.");
        }
        Model m = learner.state().model();
        int n = examples.size();
        int width = (int) Shapes.size(learner.net().outputShapeOf(end - 1));
        float[] out = new float[Math.multiplyExact(n, width)];
        try (Torch.NoGrad ignored = Torch.noGrad(); NDScope scope = new NDScope();
                DeviceData d = new DeviceData(examples, learner.state().manager(), learner.device(), false)) {
            DeviceData.Ordered stored = d.asStored();
            for (int from = 0; from < n; from += 1000) {
                int to = Math.min(n, from + 1000);
                try (NDScope batchScope = new NDScope()) {
                    float[] part = m.forward(stored.x(from, to), false, end).toFloatArray();
                    System.arraycopy(part, 0, out, from * width, part.length);
                }
            }
        }
        return out;
    }
}
