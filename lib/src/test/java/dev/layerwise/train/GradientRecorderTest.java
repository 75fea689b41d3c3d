package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;
import dev.layerwise.stats.Histogram;
import dev.layerwise.stats.SpeedOfLearning;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The gradient watch records the engine's gradients and weights exactly, on its cadence. */
@Tag("engine")
class GradientRecorderTest {
    private static final List<String> PARAMS = List.of("dense_1.weight", "dense_1.bias", "dense_2.weight",
            "dense_2.bias", "dense_3.weight", "dense_3.bias", "dense_4.weight", "dense_4.bias");

    private static Learner deepSigmoid() {
        Net net = Net.input(8).dense(6).sigmoid().dense(6).sigmoid().dense(6).sigmoid().dense(3)
                .init(Init.normal(0, 1)).biasInit(Init.normal(0, 1));
        Learner l = Learner.of(net, Datasets.blobs(200, 3, 8, 1.0, 4).batchSize(10));
        l.removeCallback("progress");
        l.removeCallback("chart");
        return l;
    }

    private static double[] values(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), what);
    }

    /** Every metric of every parameter, computed from the engine's own arrays during training. */
    @Test
    void everyMetricEqualsTheValueComputedFromTheEnginesArrays() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(1));
        Map<String, List<double[]>> expected = new HashMap<>(); // name -> per step {norm, meanAbs, std, maxAbs, wNorm, ratio}
        Map<String, double[]> before = new HashMap<>();
        learner.callback("direct", new Callback() {
            @Override
            public void afterBackward(StepContext step) {
                for (String p : PARAMS) {
                    double[] g = values(step.gradient(p));
                    double mean = 0;
                    double meanAbs = 0;
                    double max = 0;
                    for (double x : g) {
                        mean += x / g.length;
                        meanAbs += Math.abs(x) / g.length;
                        max = Math.max(max, Math.abs(x));
                    }
                    double var = 0;
                    for (double x : g) {
                        var += (x - mean) * (x - mean) / g.length;
                    }
                    expected.computeIfAbsent(p, k -> new ArrayList<>())
                            .add(new double[] {norm(g), meanAbs, Math.sqrt(var), max, 0, 0});
                    before.put(p, values(step.parameters().get(p)));
                }
            }

            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                for (String p : PARAMS) {
                    double[] w = values(step.parameters().get(p));
                    double[] b = before.get(p);
                    double[] d = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        d[i] = w[i] - b[i];
                    }
                    List<double[]> rows = expected.get(p);
                    double[] last = rows.get(rows.size() - 1);
                    last[4] = norm(w);
                    last[5] = norm(d) / norm(w);
                }
            }
        });
        learner.fit(1);
        GradientLog log = learner.gradients();
        List<String> metrics = List.of(GradientLog.NORM, GradientLog.MEAN_ABS, GradientLog.STD, GradientLog.MAX_ABS,
                GradientLog.WEIGHT_NORM, GradientLog.UPDATE_RATIO);
        for (String p : PARAMS) {
            String layer = p.substring(0, p.indexOf('.'));
            String param = p.substring(p.indexOf('.') + 1);
            List<double[]> rows = expected.get(p);
            for (int m = 0; m < metrics.size(); m++) {
                double[] recorded = log.series(layer, param, metrics.get(m));
                assertEquals(rows.size(), recorded.length, p + " " + metrics.get(m));
                for (int s = 0; s < recorded.length; s++) {
                    assertClose(rows.get(s)[m], recorded[s], p + " " + metrics.get(m) + " at step " + (s + 1));
                }
            }
        }
    }

    @Test
    void samplesEveryNthStepAcrossFits() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(4));
        learner.fit(1);
        assertArrayEquals(new long[] {1, 5, 9, 13}, learner.gradients().steps(), "16 steps per epoch");
        learner.fit(1);
        assertArrayEquals(new long[] {1, 5, 9, 13, 17, 21, 25, 29}, learner.gradients().steps());
        assertEquals(List.of("dense_1", "dense_2", "dense_3", "dense_4"), learner.gradients().layers());
    }

    @Test
    void speedOfLearningFallsTowardsTheInputInADeepSigmoidNet() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(1));
        learner.fit(1);
        SpeedOfLearning speed = learner.gradients().speedOfLearning();
        assertTrue(speed.ratio("dense_3", "dense_1") > 1, speed.toString());
        assertTrue(speed.toString().contains("dense_1"), speed.toString());
    }

    @Test
    void csvHasOneRowPerStepParameterAndMetric() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(8));
        learner.fit(1);
        String[] lines = learner.gradients().toCsv().split("\n");
        assertEquals("step,epoch,layer,parameter,metric,value", lines[0]);
        assertEquals(1 + 2 * (8 * 6 + 1), lines.length, "two sampled steps (1, 9) × (8 parameters × 6 metrics, and"
                + " the global norm)");
    }

    @Test
    void activationsGiveMeanStdAndSaturationPerLayer() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(5).activations());
        learner.fit(1);
        GradientLog log = learner.gradients();
        assertEquals(List.of("sigmoid_1", "sigmoid_2", "sigmoid_3"), log.layers(GradientLog.ACTIVATION,
                GradientLog.SATURATED));
        assertEquals(7, log.layers(GradientLog.ACTIVATION, GradientLog.MEAN).size(), "every layer has a mean");
        for (double f : log.series("sigmoid_1", GradientLog.ACTIVATION, GradientLog.SATURATED)) {
            assertTrue(f >= 0 && f <= 1, "a fraction: " + f);
        }
        double[] means = log.series("sigmoid_2", GradientLog.ACTIVATION, GradientLog.MEAN);
        assertEquals(4, means.length);
        assertTrue(means[0] > 0 && means[0] < 1, "sigmoid outputs lie in (0, 1): " + means[0]);
    }

    @Test
    void reluLayersReportDeadUnits() {
        Net net = Net.input(8).dense(6).relu().dense(3).biasInit(Init.normal(-50, 0.01));
        Learner l = Learner.of(net, Datasets.blobs(100, 3, 8, 1.0, 4).batchSize(10))
                .watch(Gradients.perLayer().every(10).activations());
        l.removeCallback("progress");
        l.fit(1);
        double[] dead = l.gradients().series("relu_1", GradientLog.ACTIVATION, GradientLog.DEAD);
        assertEquals(1.0, dead[0], 1e-12, "biases of −50 switch every unit off for every example");
    }

    @Test
    void histogramsCountEveryValueOnTheirCadence() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(2).histograms(12, 10));
        learner.fit(1);
        List<Histogram> hs = learner.gradients().histograms();
        assertEquals(2 * 2 * 8, hs.size(), "steps 1 and 11 × gradient and weight × 8 parameters");
        Histogram h = hs.stream().filter(x -> x.layer().equals("dense_1") && x.parameter().equals("weight")
                && x.kind().equals(Histogram.WEIGHT)).findFirst().orElseThrow();
        assertEquals(48, h.total());
        assertEquals(12, h.counts().length);
        assertTrue(h.from() < h.to());
    }

    @Test
    void gradientsWithoutWatchSaysWhatToCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deepSigmoid().gradients());
        assertTrue(e.getMessage().contains("learner.watch(Gradients.perLayer())"));
    }

    @Test
    void probeWithoutTrainingMatchesTheFirstRecordedStep() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(100));
        GradientLog probe = GradientProbe.on(learner, learner.data().shuffle(false).subset(10));
        Learner trained = deepSigmoid();
        trained = Learner.of(trained.net(), trained.data().shuffle(false)).watch(Gradients.perLayer().every(100));
        trained.removeCallback("progress");
        trained.fit(1);
        for (String layer : List.of("dense_1", "dense_4")) {
            assertClose(trained.gradients().series(layer, "bias", GradientLog.NORM)[0],
                    probe.series(layer, "bias", GradientLog.NORM)[0], layer);
        }
        assertFalse(probe.series("sigmoid_1", GradientLog.ACTIVATION, GradientLog.SATURATED).length == 0);
        assertEquals(0, learner.step(), "probing does not train");
    }
}
