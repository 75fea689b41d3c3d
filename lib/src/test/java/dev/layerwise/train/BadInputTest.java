package dev.layerwise.train;

import static dev.layerwise.ErrorMessages.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ShapeMismatchException;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Bad input fails early, before native code, with what happened, what was expected and the fix. */
@Tag("engine")
class BadInputTest {

    @Test
    void learningRateMustBePositive() {
        for (double lr : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd(lr)),
                    "learning rate must be a finite number > 0");
        }
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Optimizers.momentum(0.1, 1.0)),
                "momentum must be in [0, 1)");
    }

    @Test
    void batchSizeMustBeAtLeastOne() {
        Dataset moons = Datasets.twoMoons(50, 0.1, 1);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> moons.batchSize(0)), "batchSize(0)");
    }

    @Test
    void emptyDatasetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.of("shirts", new float[0], new int[] {4}, new int[0], 3));
        // the data set by name, what was wrong, what is needed
        assertMentions(e, "shirts: ", "no examples", "0 feature values for samples of shape [4]",
                "needs at least one", "Check that the features array was filled");
    }

    @Test
    void labelsOutOfRangeNameTheExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.of("shirts", new float[6], new int[] {2}, new int[] {0, 1, 3}, 3));
        // which example, its label, the allowed range, and the two usual causes
        assertMentions(e, "shirts: ", "label of example 2 is 3", "outside [0, 3)", "is numClasses too small",
                "are the labels 1-based");
    }

    @Test
    void flatDataForAnImageNetSaysToCallImages() {
        Dataset flat = Datasets.fashionMnist().subset(100);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Learner.of(Net.input(1, 28, 28).conv2d(4, 5).relu().flatten().dense(10), flat));
        assertMentions(e, "[784]", "[1, 28, 28]", "data.images()");
    }

    @Test
    void wrongInputSizeSaysWhichInputTheDataNeeds() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Learner.of(Net.input(100).dense(2), Datasets.twoMoons(50, 0.1, 1)));
        assertMentions(e, "[2]", "[100]", "Net.input(2)");
    }

    @Test
    void outputCountMustMatchTheClasses() {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> Learner.of(Net.input(2).dense(8).relu().dense(5), Datasets.twoMoons(50, 0.1, 1)));
        assertMentions(e, "dense_2", "[5]", ".dense(2)");
    }

    @Test
    void settingsAfterTrainingAreRejectedAndStateSurvives() {
        Learner learner = Learner.of(Net.input(2).dense(2), Datasets.twoMoons(50, 0.1, 1));
        learner.removeCallback("progress");
        learner.fit(1);
        long steps = learner.step();
        assertMentions(assertThrows(IllegalStateException.class, () -> learner.seed(3)), "before training");
        assertEquals(steps, learner.step());
        assertMentions(assertThrows(IllegalArgumentException.class, () -> learner.fit(0)), "fit(0)");
    }

    @Test
    void nonFiniteLossStopsWithTheStepAndKeepsTheWeightsFromBefore() {
        Dataset data = Datasets.blobs(200, 3, 4, 1.0, 1).batchSize(10);
        Learner learner = Learner.of(Net.input(4).dense(8).relu().dense(3), data)
                .optimizer(Optimizers.sgd(1e30));
        learner.removeCallback("progress");
        Map<String, float[]>[] lastGood = new Map[1];
        learner.callback("snapshot", new Callback() {
            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                lastGood[0] = learner.parameters();
            }
        });
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> learner.fit(3));
        assertEquals(learner.step() + 1, e.step(), "the failing step is the one after the last completed");
        assertMentions(e, "step " + e.step(), "smaller learning rate");
        for (Map.Entry<String, float[]> p : learner.parameters().entrySet()) {
            assertArrayEquals(lastGood[0].get(p.getKey()), p.getValue(), p.getKey() + " unchanged by the bad step");
        }
        learner.optimizer(Optimizers.sgd(0.01));
        assertEquals(learner.step(), learner.history().steps().size(), "history holds the completed steps");
    }
}
