package dev.layerwise.train;

import dev.layerwise.interrupt.Interrupts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.loss.Loss;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Training works on real data, continues across calls, is reproducible and stops on request. */
@Tag("engine")
class LearnerTrainingTest {
    private static final Net MOONS_NET = Net.input(2).dense(32).tanh().dense(32).tanh().dense(2);

    private static Learner quiet(Learner l) {
        l.removeCallback("progress");
        return l;
    }

    @Test
    void mlpSeparatesTwoMoons() {
        Dataset moons = Datasets.twoMoons(1000, 0.1, 1).batchSize(16);
        Learner learner = quiet(Learner.of(MOONS_NET, moons).optimizer(Optimizers.momentum(0.1, 0.9)));
        learner.fit(30);
        Evaluation test = learner.evaluate();
        assertTrue(test.accuracy() >= 0.97, "two moons test accuracy " + test);
    }

    @Test
    void mlpLearnsFashionMnistInOneEpochOnTenThousandImages() {
        Dataset data = Datasets.fashionMnist().subset(10_000).batchSize(32).seed(42);
        Learner learner = quiet(Learner.of(Net.input(784).dense(100).relu().dense(10), data)
                .loss(Loss.softmaxCrossEntropy()).optimizer(Optimizers.sgd(0.1)));
        History history = learner.fit(1);
        Evaluation test = learner.evaluate();
        assertEquals(10_000, test.examples(), "measured on the whole test set");
        assertTrue(test.accuracy() >= 0.75, "Fashion-MNIST test accuracy after one epoch: " + test);
        assertEquals(test.accuracy(), history.lastEpoch().testAccuracy(), 1e-9, "epoch record has the test figure");
    }

    @Test
    void fitTwiceContinuesTraining() {
        Dataset moons = Datasets.twoMoons(200, 0.1, 2).batchSize(20);
        Learner learner = quiet(Learner.of(MOONS_NET, moons));
        History first = learner.fit(1);
        History second = learner.fit(1);
        assertEquals(List.of(1), first.epochs().stream().map(EpochRecord::epoch).toList());
        assertEquals(List.of(2), second.epochs().stream().map(EpochRecord::epoch).toList());
        assertEquals(9, second.steps().get(0).step(), "steps are numbered across calls: 8 per epoch");
        assertEquals(16, learner.step());
        assertEquals(2, learner.epoch());
        assertEquals(16, learner.history().steps().size());
        assertTrue(second.epochs().get(0).loss() < first.epochs().get(0).loss(), "the second epoch starts trained");
    }

    private static double[] lossesWithSeed(long seed) {
        Dataset data = Datasets.blobs(300, 3, 5, 1.0, 9).batchSize(10).seed(4);
        Learner learner = quiet(Learner.of(Net.input(5).dense(8).sigmoid().dense(3).init(Init.normal(0, 1)), data)
                .seed(seed).optimizer(Optimizers.momentum(0.05, 0.9)));
        learner.fit(2);
        return learner.history().losses();
    }

    @Test
    void sameSeedGivesTheSameLosses() {
        assertArrayEquals(lossesWithSeed(11), lossesWithSeed(11), 0.0);
        assertFalse(java.util.Arrays.equals(lossesWithSeed(11), lossesWithSeed(12)), "another seed, other weights");
    }

    @Test
    void stopRequestEndsTrainingAtABatchBoundaryAndReturnsThePartialHistory() {
        Dataset moons = Datasets.twoMoons(400, 0.1, 3).batchSize(10);
        Learner learner = quiet(Learner.of(MOONS_NET, moons));
        learner.callback("stopper", new Callback() {
            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                if (record.step() == 30) {
                    Interrupts.requestStop();
                }
            }
        });
        try {
            History h = learner.fit(5);
            assertTrue(h.stopped());
            assertEquals(30, h.steps().size());
            assertEquals(30, learner.step());
            assertEquals(0, learner.epoch(), "the stopped epoch is not counted as complete");
            assertFalse(h.epochs().get(0).complete());
        } finally {
            Interrupts.reset();
        }
        learner.removeCallback("stopper");
        for (float w : learner.parameter("dense_1.weight")) {
            assertTrue(Float.isFinite(w));
        }
        History next = learner.fit(1);
        assertFalse(next.stopped());
        assertEquals(30 + moons.batchesPerEpoch(), learner.step(), "the next fit runs a whole epoch");
    }

    @Test
    void threadInterruptCountsAsStop() {
        Learner learner = quiet(Learner.of(MOONS_NET, Datasets.twoMoons(200, 0.1, 3).batchSize(10)));
        learner.callback("interrupt", new Callback() {
            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                if (record.step() == 5) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            assertEquals(5, learner.fit(1).steps().size());
        } finally {
            Interrupts.reset();
        }
    }

    @Test
    void callbacksRunInTheDocumentedOrder() {
        Learner learner = quiet(Learner.of(MOONS_NET, Datasets.twoMoons(50, 0.1, 3).batchSize(20)).validate(false));
        List<String> events = new ArrayList<>();
        learner.callback("recorder", new Callback() {
            @Override
            public void fitStarted(Learner l, int epochs, long planned) {
                events.add("fitStarted " + epochs + " " + planned);
            }

            @Override
            public void epochStarted(int epoch) {
                events.add("epochStarted " + epoch);
            }

            @Override
            public void afterBackward(StepContext step) {
                events.add("afterBackward " + step.step() + " grad " + step.gradient("dense_1.bias").getShape());
            }

            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                events.add("stepEnded " + record.step());
            }

            @Override
            public void epochEnded(EpochRecord record) {
                events.add("epochEnded " + record.epoch());
            }

            @Override
            public void fitEnded(History history) {
                events.add("fitEnded " + history.steps().size());
            }
        });
        learner.fit(1);
        // 40 training examples (the rest is the test split) in batches of 20
        assertEquals(List.of("fitStarted 1 2", "epochStarted 1", "afterBackward 1 grad (32)", "stepEnded 1",
                "afterBackward 2 grad (32)", "stepEnded 2", "epochEnded 1", "fitEnded 2"), events);
    }

    @Test
    void registeringUnderTheSameNameReplaces() {
        Learner learner = quiet(Learner.of(MOONS_NET, Datasets.twoMoons(50, 0.1, 3)));
        int[] calls = new int[2];
        learner.callback("count", new Callback() {
            @Override
            public void epochStarted(int epoch) {
                calls[0]++;
            }
        });
        Registration second = learner.callback("count", new Callback() {
            @Override
            public void epochStarted(int epoch) {
                calls[1]++;
            }
        });
        learner.fit(1);
        assertArrayEquals(new int[] {0, 1}, calls);
        second.remove();
        assertFalse(learner.callbackNames().contains("count"));
    }

    @Test
    void predictAgreesWithEvaluate() {
        Dataset moons = Datasets.twoMoons(300, 0.1, 5).batchSize(16);
        Learner learner = quiet(Learner.of(MOONS_NET, moons).optimizer(Optimizers.momentum(0.1, 0.9)));
        learner.fit(10);
        var test = moons.testExamples();
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] out = learner.predict(test.features(i))[0];
            int predicted = out[1] > out[0] ? 1 : 0;
            correct += predicted == test.label(i) ? 1 : 0;
        }
        assertEquals(learner.evaluate().accuracy(), correct / (double) test.size(), 1e-9);
    }

    @Test
    void switchingOptimizerKeepsWeightsAndStepCount() {
        Learner learner = quiet(Learner.of(MOONS_NET, Datasets.twoMoons(100, 0.1, 3).batchSize(10))
                .optimizer(Optimizers.momentum(0.1, 0.9)));
        learner.fit(1);
        float[] before = learner.parameter("dense_2.weight");
        long steps = learner.step();
        learner.optimizer(Optimizers.sgd(0.01));
        assertArrayEquals(before, learner.parameter("dense_2.weight"));
        assertEquals(steps, learner.step());
        learner.fit(1);
        assertNotEquals(before[0], learner.parameter("dense_2.weight")[0]);
    }
}
