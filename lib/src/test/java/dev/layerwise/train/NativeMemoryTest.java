package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Training frees everything each step makes: live native arrays stay flat over 2,000 steps. */
@Tag("engine")
class NativeMemoryTest {

    private static int systemArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    void twoThousandStepsDoNotGrowLiveNativeArrays() {
        Dataset data = Datasets.blobs(2500, 4, 16, 1.0, 1).batchSize(10);
        Learner learner = Learner.of(Net.input(16).dense(32).relu().batchNorm().dense(4), data)
                .optimizer(Optimizers.momentum(0.05, 0.9));
        learner.removeCallback("progress");
        learner.fit(1);
        assertEquals(200, learner.step());
        int learnerArrays = learner.state().liveArrays();
        int system = systemArrays();
        learner.fit(9);
        assertEquals(2000, learner.step());
        assertEquals(learnerArrays, learner.state().liveArrays(), "arrays owned by the learner after 200 vs 2,000 steps");
        // engine-wide, other tests' unreachable learners may be freed meanwhile: the count must not grow
        assertTrue(systemArrays() <= system, "arrays alive in the whole engine after 200 vs 2,000 steps");
    }

    @Test
    void evaluateAndPredictLeaveNothingBehind() {
        Dataset data = Datasets.blobs(500, 3, 8, 1.0, 2).batchSize(25);
        Learner learner = Learner.of(Net.input(8).dense(16).tanh().dense(3), data);
        learner.removeCallback("progress");
        learner.fit(1);
        learner.evaluate();
        learner.predict(new float[8]);
        int before = systemArrays();
        for (int i = 0; i < 50; i++) {
            learner.evaluate();
            learner.predict(new float[8], new float[8]);
        }
        int owned = learner.state().liveArrays();
        for (int i = 0; i < 50; i++) {
            learner.evaluate();
        }
        assertEquals(owned, learner.state().liveArrays(), "the learner holds no more arrays after 100 more evaluations");
        assertTrue(systemArrays() <= before, "nothing left behind engine-wide (the count may fall as other learners are freed)");
    }

    @Test
    void closingAnUnreachableLearnerFreesItsArrays() throws InterruptedException {
        Learner learner = Learner.of(Net.input(8).dense(16).dense(3), Datasets.blobs(100, 3, 8, 1.0, 2));
        learner.removeCallback("progress");
        learner.fit(1);
        int owned = learner.state().liveArrays();
        int withLearner = systemArrays();
        assertTrue(owned >= 6, "weights, biases, momentum-free SGD, data: " + owned);
        learner = null;
        for (int i = 0; i < 50 && systemArrays() > withLearner - owned; i++) {
            System.gc();
            Thread.sleep(20);
        }
        // other tests' unreachable learners may be freed too, so the count can fall further
        assertTrue(systemArrays() <= withLearner - owned, "the cleaner freed the learner's weights and data");
    }
}
