package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.History;
import dev.layerwise.train.Learner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Data sets of your own through a real learner: augmented epochs, validation sets, a CSV file trained. */
@Tag("engine")
class OwnDataTrainingTest {
    private static int systemArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    /** Blobs with 4 features, seen as 2 × 2 images so that they can be augmented. */
    private static Dataset blobs() {
        return Datasets.blobs(600, 3, 4, 1.0, 3).batchSize(20).seed(4);
    }

    @Test
    void theLearnerTrainsOnEachEpochsAugmentedImagesAndValidatesOnCleanOnes() {
        AtomicInteger calls = new AtomicInteger();
        Augmentation blank = (in, io, out, oo, c, h, w, random) -> {
            calls.incrementAndGet();
            Arrays.fill(out, oo, oo + c * h * w, 0f);
        };
        Learner blind = Learner.of(Net.input(4).dense(16).relu().dense(3), blobs().augment(blank))
                .optimizer(Optimizers.adam(0.01)).quiet();
        History h = blind.fit(3);
        assertEquals(3 * 480, calls.get(), "every training image, once per epoch");
        double blindAccuracy = blind.evaluate().accuracy();
        assertTrue(blindAccuracy < 0.45, "trained on blank images only, the net cannot beat chance: " + blindAccuracy);
        Learner seeing = Learner.of(Net.input(4).dense(16).relu().dense(3), blobs())
                .optimizer(Optimizers.adam(0.01)).quiet();
        seeing.fit(3);
        assertTrue(seeing.evaluate().accuracy() > 0.9, "the same net on the real images learns");
        assertEquals(3, h.epochs().size());
    }

    @Test
    void augmentedEpochsLeaveNoNativeArraysBehind() {
        Learner learner = Learner.of(Net.input(4).dense(8).relu().dense(3), blobs().augment(Augment.flip()))
                .optimizer(Optimizers.sgd(0.05)).quiet();
        learner.fit(1);
        int before = systemArrays();
        learner.fit(5);
        assertTrue(systemArrays() <= before, "each epoch's augmented copy is freed when the epoch ends");
    }

    @Test
    void withAValidationSetTheLearnerValidatesOnItAndKeepsTheTestSetForTheEnd() {
        Dataset data = blobs().validationSplit(0.25);
        assertEquals(360, data.size());
        Learner learner = Learner.of(Net.input(4).dense(16).relu().dense(3), data).optimizer(Optimizers.adam(0.01))
                .quiet();
        EpochRecord last = learner.fit(2).lastEpoch();
        double validation = learner.evaluate(data.validation()).accuracy();
        assertEquals(validation, last.testAccuracy(), 1e-9, "the epoch's held-out figures are the validation set's");
        assertEquals(120, learner.evaluate(data.test()).examples());
    }

    @Test
    void irisFromDebiansScikitLearnTrainsToNinetyPercent() {
        Path iris = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv");
        Dataset data = Datasets.csv(iris, CsvFormat.sklearn()).label("target").split(0.7).standardize().batchSize(16)
                .seed(1);
        Learner learner = Learner.of(Net.input(4).dense(16).relu().dense(3), data).optimizer(Optimizers.adam(0.02))
                .quiet();
        learner.fit(30);
        double accuracy = learner.evaluate(data.test()).accuracy();
        assertTrue(accuracy >= 0.9, "iris test accuracy " + accuracy);
    }
}
