package dev.layerwise.train;

import dev.layerwise.interrupt.Interrupts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** Switching optimizers, per-layer rates, freezing and schedules, on a real learner. */
@Tag("engine")
class TrainingToolkitTest {
    private static final Net NET = Net.input(6).dense(8).sigmoid().dense(8).sigmoid().dense(3).init(Init.lecun());

    private static Learner learner(Optimizer opt) {
        Dataset data = Datasets.blobs(120, 3, 6, 1.0, 3).batchSize(12).shuffle(false);
        Learner l = Learner.of(NET, data).optimizer(opt).validate(false);
        l.removeCallback("progress");
        return l;
    }

    private static float[] delta(Map<String, float[]> before, Map<String, float[]> after, String p) {
        float[] d = new float[before.get(p).length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after.get(p)[i] - before.get(p)[i];
        }
        return d;
    }

    /** Parameters before and after exactly one step. */
    private static Map<String, float[]>[] oneStep(Learner l) {
        Map<String, float[]> before = l.parameters();
        l.callback("one", new Callback() {
            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                Interrupts.requestStop();
            }
        });
        try {
            l.fit(1);
        } finally {
            Interrupts.reset();
            l.removeCallback("one");
        }
        return new Map[] {before, l.parameters()};
    }

    @Test
    void switchingKeepsWeightsBitForBitAndMarksTheHistory() {
        Learner l = learner(Optimizers.momentum(0.1, 0.9));
        l.fit(1);
        Map<String, float[]> before = l.parameters();
        l.optimizer(Optimizers.adam(1e-3));
        Map<String, float[]> after = l.parameters();
        for (String p : before.keySet()) {
            assertArrayEquals(before.get(p), after.get(p), p);
        }
        TrainingEvent e = l.history().events().get(l.history().events().size() - 1);
        assertEquals(8, e.step(), "96 training examples in batches of 12");
        assertTrue(e.label().startsWith("optimizer → adam(lr=0.001"), e.label());
        l.fit(1);
        assertEquals(16, l.step(), "step count continues");
        assertEquals(2, l.history().epochs().size(), "history continues");
    }

    @Test
    void layerMultiplierScalesThatLayersUpdateOnly() {
        Map<String, float[]>[] plain = oneStep(learner(Optimizers.sgd(0.1)));
        Map<String, float[]>[] scaled = oneStep(learner(Optimizers.sgd(0.1)).layerRate("dense_1", 3));
        for (String p : List.of("dense_1.weight", "dense_1.bias")) {
            float[] a = delta(plain[0], plain[1], p);
            float[] b = delta(scaled[0], scaled[1], p);
            for (int i = 0; i < a.length; i++) {
                assertEquals(3 * a[i], b[i], 1e-6, p + "[" + i + "]");
            }
        }
        assertArrayEquals(delta(plain[0], plain[1], "dense_3.weight"), delta(scaled[0], scaled[1], "dense_3.weight"),
                1e-7f, "other layers unchanged by the rule");
    }

    @Test
    void patternAndDepthRulesMultiply() {
        Learner l = learner(Optimizers.sgd(0.1)).layerRate("dense_*", 2).layerRatesByDepth(d -> 4 - d);
        assertEquals(6, l.layerRates().scale("dense_1", 1), 1e-12);
        assertEquals(2, l.layerRates().scale("dense_3", 3), 1e-12);
        Map<String, float[]>[] plain = oneStep(learner(Optimizers.sgd(0.1)));
        Map<String, float[]>[] ruled = oneStep(l);
        float[] a = delta(plain[0], plain[1], "dense_2.bias");
        float[] b = delta(ruled[0], ruled[1], "dense_2.bias");
        for (int i = 0; i < a.length; i++) {
            assertEquals(4 * a[i], b[i], 1e-6);
        }
    }

    @Test
    void frozenLayersDoNotChangeUntilUnfrozen() {
        Learner l = learner(Optimizers.adam(0.01)).freeze("dense_1");
        float[] before = l.parameter("dense_1.weight");
        l.fit(2);
        assertArrayEquals(before, l.parameter("dense_1.weight"));
        assertNotEquals(0, delta(Map.of("x", before), Map.of("x", l.parameter("dense_2.weight")), "x").length);
        l.unfreeze("dense_*");
        l.fit(1);
        assertNotEquals(before[0], l.parameter("dense_1.weight")[0]);
        assertTrue(l.history().events().stream().anyMatch(e -> e.label().equals("freeze dense_1")));
    }

    @Test
    void unknownLayerNamesSayWhichExist() {
        Learner l = learner(Optimizers.sgd(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.freeze("conv_1"));
        assertTrue(e.getMessage().contains("[dense_1, sigmoid_1, dense_2, sigmoid_2, dense_3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> l.layerRate("dense_1", -1));
    }

    @Test
    void scheduledRateAndMomentumAreRecordedEveryStepAndRestartAtASwitch() {
        Learner l = learner(Optimizers.momentum(Schedule.exponential(0.5, 1e-4, 20), Schedule.linear(0.7, 0.995, 20)));
        l.fit(2);
        double[] lr = l.history().learningRates();
        double[] mu = l.history().momenta();
        assertEquals(16, lr.length);
        assertEquals(0.5, lr[0], 1e-12);
        assertEquals(0.5 * Math.pow(1e-4 / 0.5, 15 / 20.0), lr[15], 1e-12);
        assertEquals(0.7, mu[0], 1e-12);
        assertEquals(0.7 + 0.295 * 15 / 20, mu[15], 1e-12);
        l.optimizer(Optimizers.sgd(Schedule.linear(0.2, 0.1, 10)));
        l.fit(1);
        assertEquals(0.2, l.history().learningRates()[16], 1e-12, "the new optimizer's schedule starts at its step 0");
        assertTrue(Double.isNaN(l.history().momenta()[16]));
    }

    @Test
    void fiftySwitchesDoNotGrowNativeMemory() {
        Learner l = learner(Optimizers.adam(1e-3));
        l.fit(1);
        l.optimizer(Optimizers.momentum(0.1, 0.9)).fit(1);
        int arrays = l.state().liveArrays();
        for (int i = 0; i < 50; i++) {
            l.optimizer(i % 2 == 0 ? Optimizers.adam(1e-3) : Optimizers.momentum(0.1, 0.9));
            l.layerRate("dense_1", 1 + i % 3);
            l.fit(1);
        }
        assertEquals(arrays, l.state().liveArrays(), "weights, data and one optimizer's state, no more");
    }
}
