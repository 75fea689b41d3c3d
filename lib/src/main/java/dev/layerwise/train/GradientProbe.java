package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.layerwise.data.Dataset;
import dev.layerwise.engine.Torch;
import dev.layerwise.data.Examples;
import dev.layerwise.loss.Loss;
import dev.layerwise.loss.Targets;
import dev.layerwise.nn.Activation;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.stats.GradientLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradients and activations of a learner's current weights on some examples, without training:
 * one forward and backward pass on copies of the weights, in training mode (batch norm uses the
 * batch's statistics, dropout is active), as the next step would see them. Use it to look at a
 * net before {@code fit}, or at a batch of interest. {@code GradientProbe.on(learner, data.subset(1000))}
 * gives Nielsen's speed of learning over the first 1,000 examples.
 */
public final class GradientProbe {
    private GradientProbe() {}

    /**
     * Measures gradients (norm, mean |g|, std, max |g|, weight norm) and activations on examples.
     *
     * @param learner the learner whose weights and loss to use; it is not changed
     * @param examples the examples, all in one batch (e.g. {@code data.subset(1000)})
     * @return a log with one step, numbered as the learner's current step
     */
    public static GradientLog on(Learner learner, Dataset examples) {
        if (learner == null) {
            throw new IllegalArgumentException("GradientProbe.on(null, …): expected a learner.");
        }
        DataCheck.requireFits(learner.net(), examples);
        Examples train = examples.train();
        if (train.size() == 0 || !train.hasLabels()) {
            throw new IllegalArgumentException("GradientProbe.on: expected labelled examples, got " + train.size()
                    + " from '" + examples.name() + "'" + (train.hasLabels() ? "" : " without labels") + ".");
        }
        Net net = learner.net();
        Loss loss = learner.loss();
        GradientLog log = new GradientLog();
        Map<String, float[]> values = learner.parameters();
        try (NDManager manager = NDManager.newBaseManager(learner.device())) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            List<String> trainable = new ArrayList<>();
            for (ParamSpec spec : net.parameters()) {
                NDArray a = manager.create(values.get(spec.name()), new Shape(spec.shape()));
                if (spec.role().trainable()) {
                    a.setRequiresGradient(true);
                    trainable.add(spec.name());
                }
                arrays.put(spec.name(), a);
            }
            int n = train.size();
            long[] in = net.inputShape();
            long[] shape = new long[in.length + 1];
            shape[0] = n;
            System.arraycopy(in, 0, shape, 1, in.length);
            NDArray x = manager.create(train.features(), new Shape(shape));
            NDArray y = manager.create(train.labels()).toType(DataType.INT64, false);
            Targets targets = new BatchTargets(y, null, examples.numClasses(), n);
            boolean fused = loss.fusesFinalSigmoid() && endsWithSigmoid(net);
            ActivationProbe.Pass pass;
            try (GradientCollector collector = Torch.gradientCollector()) {
                // training mode, as the next training step would run; the arrays are copies, so the learner's
                // batch-norm running averages are untouched
                pass = ActivationProbe.forward(net, x, arrays::get, n, true);
                int last = pass.flat().size() - (fused ? 2 : 1);
                NDArray out = pass.flat().get(last).reshape(n, -1);
                collector.backward(fused ? loss.computeFromLogits(out, targets) : loss.compute(out, targets));
            }
            long step = learner.step();
            int epoch = learner.epoch();
            double globalSq = 0;
            for (String name : trainable) {
                int dot = name.lastIndexOf('.');
                String layer = name.substring(0, dot);
                String param = name.substring(dot + 1);
                float[] g = arrays.get(name).getGradient().toFloatArray();
                double sum = 0;
                double sumAbs = 0;
                double sumSq = 0;
                double max = 0;
                for (float v : g) {
                    sum += v;
                    sumAbs += Math.abs(v);
                    sumSq += (double) v * v;
                    max = Math.max(max, Math.abs(v));
                }
                double mean = sum / g.length;
                double wSq = 0;
                for (float v : values.get(name)) {
                    wSq += (double) v * v;
                }
                log.add(new GradientLog.Row(step, epoch, layer, param, GradientLog.NORM, Math.sqrt(sumSq)));
                globalSq += learner.frozenLayers().contains(layer) ? 0 : sumSq;
                log.add(new GradientLog.Row(step, epoch, layer, param, GradientLog.MEAN_ABS, sumAbs / g.length));
                log.add(new GradientLog.Row(step, epoch, layer, param, GradientLog.STD,
                        Math.sqrt(Math.max(0, sumSq / g.length - mean * mean))));
                log.add(new GradientLog.Row(step, epoch, layer, param, GradientLog.MAX_ABS, max));
                log.add(new GradientLog.Row(step, epoch, layer, param, GradientLog.WEIGHT_NORM, Math.sqrt(wSq)));
            }
            log.add(new GradientLog.Row(step, epoch, GradientLog.GLOBAL, GradientLog.ALL, GradientLog.GRAD_NORM,
                    Math.sqrt(globalSq)));
            pass.record(log, step, epoch);
        }
        return log;
    }

    private static boolean endsWithSigmoid(Net net) {
        var layers = net.layers();
        return layers.get(layers.size() - 1) instanceof Activation a && a.function() == Activation.Function.SIGMOID;
    }
}
