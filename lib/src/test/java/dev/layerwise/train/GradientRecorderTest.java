package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;
import dev.layerwise.stats.SpeedOfLearning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The gradient watch records the engine's gradients exactly, on its cadence. */
class GradientRecorderTest {

    private static Learner deepSigmoid() {
        Net net = Net.input(8).dense(6).sigmoid().dense(6).sigmoid().dense(6).sigmoid().dense(3)
                .init(Init.normal(0, 1)).biasInit(Init.normal(0, 1));
        Learner l = Learner.of(net, Datasets.blobs(200, 3, 8, 1.0, 4).batchSize(10));
        l.removeCallback("progress");
        return l;
    }

    @Test
    void recordedNormsEqualNormsComputedFromTheGradients() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(1));
        List<Double> direct = new ArrayList<>();
        learner.callback("direct", new Callback() {
            @Override
            public void afterBackward(StepContext step) {
                NDArray g = step.gradient("dense_2.bias");
                double sum = 0;
                for (float v : g.toFloatArray()) {
                    sum += (double) v * v;
                }
                direct.add(Math.sqrt(sum));
            }
        });
        learner.fit(1);
        double[] recorded = learner.gradients().series("dense_2", "bias", GradientLog.NORM);
        assertEquals(direct.size(), recorded.length);
        for (int i = 0; i < recorded.length; i++) {
            assertEquals(direct.get(i), recorded[i], 1e-5);
        }
    }

    @Test
    void samplesEveryNthStep() {
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(4));
        learner.fit(1);
        assertArrayEquals(new long[] {1, 5, 9, 13}, learner.gradients().steps());
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
        Learner learner = deepSigmoid().watch(Gradients.perLayer().every(16));
        learner.fit(1);
        String[] lines = learner.gradients().toCsv().split("\n");
        assertEquals("step,epoch,layer,parameter,metric,value", lines[0]);
        assertEquals(1 + 1 * 8 * 2, lines.length, "one sampled step × 8 parameters × 2 metrics");
    }

    @Test
    void gradientsWithoutWatchSaysWhatToCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deepSigmoid().gradients());
        assertTrue(e.getMessage().contains("learner.watch(Gradients.perLayer())"));
    }
}
