package dev.layerwise.search;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.interrupt.Interrupts;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("engine")
class SweepsTest {
    private static final Dataset BLOBS = Datasets.blobs(600, 3, 2, 1.5, 3);
    private static final Net BLOB_NET = Net.input(2).dense(16).tanh().dense(3);

    @Test
    void everyBatchSizeReportsTimeToTargetOrThatItMissedIt() {
        BatchSizeResult r = Sweeps.batchSizes(BLOB_NET, BLOBS).sizes(5, 50).optimizer(b -> Optimizers.sgd(0.05))
                .target(0.9).maxEpochs(3).evaluateEvery(50).run();
        assertEquals(List.of(5, 50), r.runs().stream().map(BatchSizeResult.Run::batchSize).toList());
        for (BatchSizeResult.Run run : r.runs()) {
            if (run.reached()) {
                assertTrue(run.finalAccuracy() >= 0.9 && run.secondsToTarget() >= 0 && run.examplesToTarget() > 0);
                assertEquals(run.examplesToTarget(), run.examplesSeen(), "training ends at the target");
                assertTrue(java.util.Arrays.stream(run.measuredAt()).anyMatch(m -> m == run.examplesToTarget()),
                        "the target is reached at a measurement");
            } else {
                assertEquals(3L * 480, run.examplesSeen(), "all epochs ran");
                assertTrue(Double.isNaN(run.secondsToTarget()));
            }
        }
        BatchSizeResult.Run small = r.run(5);
        assertTrue(small.reached(), r.toString());
        assertTrue(!r.run(50).reached() || r.run(50).stepsToTarget() < small.stepsToTarget(),
                "a larger batch needs fewer steps: " + r);
        assertTrue(r.toMimeBundle().get(MimeBundle.HTML).contains("<img"));
        assertEquals(3, r.toCsv().lines().count());
        assertEquals(2, r.plot().panels().size());
    }

    @Test
    void anUnreachableTargetIsReportedAsMissed() {
        BatchSizeResult r = Sweeps.batchSizes(BLOB_NET, BLOBS).sizes(100).target(1.0).maxEpochs(1).run();
        BatchSizeResult.Run run = r.run(100);
        assertFalse(run.reached(), "5 steps cannot classify every test point: " + r);
        assertTrue(run.finalAccuracy() < 1.0 && Double.isNaN(run.secondsToTarget()) && run.examplesToTarget() == -1);
        assertTrue(r.toString().contains("No size reached the target"), r.toString());
        assertThrows(IllegalArgumentException.class, () -> r.run(7));
    }

    @Test
    void theSweepLeavesNoStopRequestBehind() {
        Sweeps.batchSizes(BLOB_NET, BLOBS).sizes(10).target(0.5).run();
        assertFalse(Interrupts.stopRequested(), "reaching the target must not set the global stop flag");
    }

    @Test
    void aStopDuringASweepKeepsTheFinishedSizes() {
        try {
            BatchSizeResult r = Sweeps.batchSizes(BLOB_NET, BLOBS).sizes(5, 10, 20).target(0.99).maxEpochs(1)
                    .optimizer(b -> {
                        if (b == 20) {
                            Interrupts.requestStop();
                        }
                        return Optimizers.sgd(0.05);
                    }).run();
            assertEquals(List.of(5, 10), r.runs().stream().map(BatchSizeResult.Run::batchSize).toList());
            assertTrue(r.ending().contains("stopped during batch size 20"), r.ending());
        } finally {
            Interrupts.reset();
        }
    }

    @Test
    void dropoutSweepReportsTrainTestAndGapPerRate() {
        Dataset moons = Datasets.twoMoons(300, 0.25, 4).batchSize(10);
        DropoutResult r = Sweeps.dropout(rate -> Net.input(2).dense(64).relu().dropout(rate).dense(2), moons)
                .rates(0, 0.5).epochs(3).optimizer(Optimizers.momentum(0.05, 0.9)).run();
        assertEquals(2, r.runs().size());
        for (DropoutResult.Run run : r.runs()) {
            assertEquals(run.trainAccuracy() - run.testAccuracy(), run.gap(), 1e-12);
            assertTrue(run.testAccuracy() > 0.7, r.toString());
            assertEquals(3, run.testAccuracyPerEpoch().length);
        }
        assertTrue(r.toCsv().startsWith("rate,train_accuracy,test_accuracy,gap"));
        assertEquals(List.of("train", "test", "gap"), r.plot().seriesNames());
        assertTrue(r.toString().contains("0.50"));
    }

    @Test
    void sweepsNeedATestSet() {
        Dataset noTest = BLOBS.withoutTest();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweeps.batchSizes(BLOB_NET, noTest))
                .getMessage().contains("split(0.8)"));
        assertThrows(IllegalArgumentException.class, () -> Sweeps.dropout(r -> BLOB_NET, noTest));
        assertThrows(IllegalArgumentException.class, () -> Sweeps.batchSizes(BLOB_NET, BLOBS).sizes(0));
        assertThrows(IllegalArgumentException.class, () -> Sweeps.dropout(r -> BLOB_NET, BLOBS).rates(1.0));
    }
}
