package dev.layerwise.train;

import static dev.layerwise.ErrorMessages.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Batch norm and a last batch of one example: left out with a note, instead of a crash mid-epoch. */
@Tag("engine")
class BatchNormLastBatchTest {
    @Test
    void aLastBatchOfOneIsLeftOutForBatchNormInsteadOfCrashing() {
        // the reproduction from issue 19: 61 examples in batches of 60
        Learner l = Learner.of(Net.input(784).dense(10).batchNorm().sigmoid().dense(10),
                Datasets.fashionMnist().subset(61).batchSize(60)).quiet();
        History h = l.fit(2);
        assertEquals(2, h.steps().size(), "one batch of 60 per epoch; the example left over is not trained on");
        assertEquals(60, h.lastEpoch().examples());
        assertEquals(2, l.epoch(), "both epochs complete");
    }

    @Test
    void withoutBatchNormEveryExampleIsStillTrainedOn() {
        Learner l = Learner.of(Net.input(784).dense(10).sigmoid().dense(10),
                Datasets.fashionMnist().subset(61).batchSize(60)).quiet();
        assertEquals(2, l.fit(1).steps().size());
    }

    @Test
    void aBatchSizeOfOneWithBatchNormIsRefusedBeforeTraining() {
        Learner l = Learner.of(Net.input(784).dense(10).batchNorm().dense(10),
                Datasets.fashionMnist().subset(20).batchSize(1)).quiet();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.fit(1));
        assertMentions(e, "batch norm (batchnorm_1)", "at least 2 examples per batch", "batch size is 1",
                "data.batchSize(2)");
        assertEquals(0, l.step(), "nothing trained");
    }
}
