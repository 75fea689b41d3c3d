package dev.layerwise.train;

import static dev.layerwise.train.StopEarlyFixtures.drive;
import static dev.layerwise.train.StopEarlyFixtures.ratePerEpoch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reduce-on-plateau on a real learner: when it lowers the rate, by how much, and that the optimizer keeps its state. */
@Tag("engine")
class ReduceOnPlateauTest {
    /** 48 training examples in batches of 12: four steps an epoch. */
    private static Learner learner(Optimizer optimizer) {
        Dataset data = Datasets.blobs(60, 3, 4, 1.0, 5).batchSize(12);
        return Learner.of(Net.input(4).dense(8).relu().dense(3), data).quiet().optimizer(optimizer);
    }

    private static ReduceOnPlateau halving() {
        return ReduceOnPlateau.on("driven").mode(MonitorMode.MIN).factor(0.5).patience(1).minDelta(0);
    }

    private static void assertRates(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), "epochs: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-12, "epoch " + (i + 1) + " of " + actual);
        }
    }

    @Test
    void lowersTheRateByTheFactorAfterPatienceWaitsOutTheCooldownAndStopsAtTheMinimum() {
        Learner l = learner(Optimizers.sgd(0.1));
        drive(l, 1, 1, 1, 1, 1, 1, 1, 1);
        l.reduceOnPlateau(halving().cooldown(1).minRate(0.02));
        l.fit(8);
        // epoch 2 does not improve: halve; epoch 3 is cooldown; epoch 4: halve; 5 cooldown; 6: 0.0125 < 0.02, so 0.02
        assertRates(List.of(0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02), ratePerEpoch(l.history()));
        assertEquals(List.of(new TrainingEvent(8, "plateau: lr → 0.05"), new TrainingEvent(16, "plateau: lr → 0.025"),
                new TrainingEvent(24, "plateau: lr → 0.02")), l.history().events());
        assertEquals(3, ((ReduceOnPlateau) l.callback("reduce-on-plateau")).reductions());

        Learner noCooldown = learner(Optimizers.sgd(0.1));
        drive(noCooldown, 1, 1, 1, 1, 1);
        noCooldown.reduceOnPlateau(halving().minRate(0.02));
        noCooldown.fit(5);
        assertRates(List.of(0.1, 0.1, 0.05, 0.025, 0.02), ratePerEpoch(noCooldown.history()));
    }

    @Test
    void anImprovementResetsTheCountAndPatienceCountsWholeEpochs() {
        Learner l = learner(Optimizers.sgd(0.1));
        drive(l, 5, 5, 4, 4, 4, 3);
        l.reduceOnPlateau(ReduceOnPlateau.on("driven").mode(MonitorMode.MIN).factor(0.1).patience(2));
        l.fit(6);
        // 5 (best), 5 (1), 4 (best), 4 (1), 4 (2: reduce after epoch 5), 3
        assertRates(List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.01), ratePerEpoch(l.history()));
    }

    @Test
    void theOptimizersStateIsKeptAndTheNextUpdateUsesTheLowerRate() {
        Learner l = learner(Optimizers.momentum(0.1, 0.9));
        drive(l, 1, 1, 1);
        Map<String, float[]> before = new HashMap<>();
        Map<String, float[]> after = new HashMap<>();
        l.callback("before", velocities(l, 2, before));
        l.reduceOnPlateau(halving());
        l.callback("after", velocities(l, 2, after));
        // the first step after the reduction, as PyTorch's SGD with the rate inside the velocity: v ← μv + ηg; w ← w − v
        Map<String, float[]> w = new HashMap<>();
        Map<String, float[]> g = new HashMap<>();
        Map<String, float[]> v = new HashMap<>();
        Map<String, float[]> w1 = new HashMap<>();
        Map<String, float[]> v1 = new HashMap<>();
        l.callback("step 9", new Callback() {
            @Override
            public void afterBackward(StepContext step) {
                if (step.step() == 9) {
                    step.parameters().forEach((name, a) -> {
                        w.put(name, a.toFloatArray());
                        g.put(name, step.gradient(name).toFloatArray());
                        v.put(name, l.state().optimizerStates().get(name).slots().get("velocity").toFloatArray());
                    });
                }
            }

            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                if (step.step() == 9) {
                    assertEquals(0.05, record.learningRate(), 1e-12, "the step records the lowered rate");
                    step.parameters().forEach((name, a) -> {
                        w1.put(name, a.toFloatArray());
                        v1.put(name, l.state().optimizerStates().get(name).slots().get("velocity").toFloatArray());
                    });
                }
            }
        });
        l.fit(3);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, a) -> assertArrayEquals(a, after.get(k), "velocity untouched by the reduction: " + k));
        for (String p : w.keySet()) {
            for (int i = 0; i < w.get(p).length; i++) {
                float vNext = 0.9f * v.get(p)[i] + 0.05f * g.get(p)[i];
                assertEquals(vNext, v1.get(p)[i], 1e-6, p + " velocity " + i);
                assertEquals(w.get(p)[i] - vNext, w1.get(p)[i], 1e-6, p + " weight " + i);
            }
            assertTrue(java.util.Arrays.equals(v.get(p), after.get(p)), "epoch 3 starts from the kept velocity: " + p);
        }
    }

    /** Copies the momentum buffers at the end of one epoch. */
    private static Callback velocities(Learner l, int epoch, Map<String, float[]> into) {
        return new Callback() {
            @Override
            public void epochEnded(EpochRecord record) {
                if (record.epoch() == epoch) {
                    l.state().optimizerStates().forEach((p, s) -> {
                        NDArray velocity = s.slots().get("velocity");
                        into.put(p, velocity.toFloatArray());
                    });
                }
            }
        };
    }

    @Test
    void theLoweredRateIsSavedWithTheLearnerAndANewOptimizerStartsAtItsOwnRate(@TempDir Path dir) throws Exception {
        Learner l = learner(Optimizers.adam(0.01));
        drive(l, 1, 1);
        l.reduceOnPlateau(halving());
        l.fit(2);
        Path file = l.save(dir.resolve("plateau.layerwise"));
        Learner loaded = Learner.load(file, l.data()).quiet();
        loaded.fit(1);
        assertEquals(0.005, loaded.history().steps().get(8).learningRate(), 1e-12, "the loaded learner goes on at 0.005");
        assertEquals("plateau: lr → 0.005", loaded.history().events().get(loaded.history().events().size() - 1).label());
        loaded.optimizer(Optimizers.adam(0.01)).fit(1);
        assertEquals(0.01, loaded.history().steps().get(12).learningRate(), 1e-12, "a new optimizer runs at its own rate");
    }

    @Test
    void watchingValLossWithValidationOffFailsBeforeTraining() {
        Learner l = learner(Optimizers.sgd(0.1));
        l.reduceOnPlateau("val_loss", 0.1, 2).validate(false);
        CallbackException e = assertThrows(CallbackException.class, () -> l.fit(1));
        assertTrue(e.getMessage().contains("validation is off") && e.getMessage().contains("validate(true)"),
                e.getMessage());
        assertEquals(0, l.step(), "nothing trained");
    }
}
