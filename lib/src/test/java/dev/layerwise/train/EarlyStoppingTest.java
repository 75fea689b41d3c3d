package dev.layerwise.train;

import static dev.layerwise.train.StopEarlyFixtures.arrays;
import static dev.layerwise.train.StopEarlyFixtures.assertSameArrays;
import static dev.layerwise.train.StopEarlyFixtures.captureEachEpoch;
import static dev.layerwise.train.StopEarlyFixtures.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Early stopping and the best-epoch snapshot, on a real learner, with figures driven by hand and a real val_loss. */
@Tag("engine")
class EarlyStoppingTest {
    /** 48 training examples in batches of 12: four steps an epoch. */
    private static Learner learner() {
        Dataset data = Datasets.blobs(60, 3, 4, 1.0, 5).batchSize(12);
        return Learner.of(Net.input(4).dense(8).relu().dense(3), data).quiet().optimizer(Optimizers.adam(1e-2));
    }

    @Test
    void stopsAfterExactlyPatienceEpochsWithoutImprovementAndRestoresTheBestEpoch() {
        Learner l = learner();
        drive(l, 5, 4, 3, 3.5, 3.2, 3.1, 9, 9, 9, 9);
        Map<Integer, Map<String, float[]>> atEpoch = captureEachEpoch(l);
        l.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MIN).patience(3));
        History h = l.fit(10);
        assertEquals(6, h.epochs().size(), "best at epoch 3, then 4, 5 and 6 without improvement");
        assertEquals("early stopping: driven has not improved for 3 epochs (best 3 at epoch 3)", h.stopReason());
        assertSameArrays(atEpoch.get(3), arrays(l), "weights and Adam's moments of epoch 3");
        assertEquals(24, l.step(), "the step count goes on: six epochs of four steps");
        TrainingEvent mark = l.history().events().get(l.history().events().size() - 1);
        assertEquals(new TrainingEvent(24, "early stop: epoch 3 restored"), mark);
        EarlyStopping es = (EarlyStopping) l.callback("early-stopping");
        assertEquals(3, es.bestEpoch());
        assertEquals(6, es.stoppedEpoch());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochThatDoesNotImproveAndRestoreCanBeOff() {
        Learner l = learner();
        drive(l, 0.5, 0.6, 0.7, 0.8);
        Map<Integer, Map<String, float[]>> atEpoch = captureEachEpoch(l);
        l.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MIN).restoreBest(false));
        History h = l.fit(4);
        assertEquals(2, h.epochs().size());
        assertSameArrays(atEpoch.get(2), arrays(l), "the last epoch's weights are kept");
    }

    @Test
    void minDeltaIsTheSmallestChangeThatCountsAndHigherIsBetterForAScoreOfOnesOwn() {
        Learner l = learner();
        drive(l, 0.50, 0.55, 0.59, 0.60, 0.75, 0.70, 0.70);
        l.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MAX).minDelta(0.1).patience(3));
        History h = l.fit(7);
        // 0.55, 0.59 and 0.60 each beat 0.50 by less than 0.1: three epochs without improvement
        assertEquals(4, h.epochs().size());
        assertEquals("early stopping: driven has not improved by more than 0.1 for 3 epochs (best 0.5 at epoch 1)",
                h.stopReason());

        Learner m = learner();
        drive(m, 0.50, 0.55, 0.59, 0.60, 0.75, 0.70, 0.70);
        m.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MAX).minDelta(0.01).patience(3));
        History all = m.fit(7);
        assertFalse(all.stopped(), "with min delta 0.01 each rise counts until 0.75 at epoch 5: " + all.stopReason());
        assertEquals(5, ((EarlyStopping) m.callback("early-stopping")).bestEpoch());
    }

    @Test
    void aStopAtTheLastPlannedEpochStillSaysWhy() {
        Learner l = learner();
        drive(l, 1, 2, 3);
        l.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MIN).patience(2));
        History h = l.fit(3);
        assertEquals(3, h.epochs().size());
        assertTrue(h.stopped() && h.stopReason().startsWith("early stopping: driven"), h.stopReason());
    }

    @Test
    void onARealValidationLossThatRisesTheWeightsAreThoseOfItsLowestEpoch() {
        // 100 training images and a net of 100k weights at a high rate: the test loss falls, then rises
        Dataset data = Datasets.fashionMnist().subset(100).testSubset(500).batchSize(20).seed(3);
        Learner l = Learner.of(Net.input(784).dense(128).relu().dense(10), data).quiet()
                .optimizer(Optimizers.adam(3e-3)).seed(3);
        Map<Integer, Map<String, float[]>> atEpoch = captureEachEpoch(l);
        l.earlyStopping("val_loss", 2);
        History h = l.fit(40);
        assertTrue(h.stopped(), "the test loss rises well within 40 epochs: " + h);
        int best = 1;
        for (EpochRecord e : h.epochs()) {
            if (e.testLoss() < h.epochs().get(best - 1).testLoss()) {
                best = e.epoch();
            }
        }
        assertEquals(h.epochs().size() - 2, best, "stopped two epochs after the lowest val_loss");
        assertTrue(h.stopReason().contains("at epoch " + best), h.stopReason());
        assertSameArrays(atEpoch.get(best), arrays(l), "weights of the epoch with the lowest val_loss");
        assertEquals(h.epochs().get(best - 1).testLoss(), l.evaluate().loss(), 1e-6, "it evaluates as that epoch did");
    }

    @Test
    void keepBestKeepsTheBestEpochAcrossFitsUntilRestoredByHand() {
        Learner l = learner();
        drive(l, 3, 2, 2.5, 4, 1.5, 1.6, 1.7);
        Map<Integer, Map<String, float[]>> atEpoch = captureEachEpoch(l);
        l.keepBest(KeepBest.on("driven").mode(MonitorMode.MIN));
        l.fit(3);
        l.fit(4);
        KeepBest best = (KeepBest) l.callback("best");
        assertEquals(5, best.epoch(), "1.5 at epoch 5, the lowest of both fits");
        l.restoreBest();
        assertSameArrays(atEpoch.get(5), arrays(l), "weights and optimizer state of epoch 5");
        assertEquals(28, l.step(), "counters go on");
        assertEquals("best restored: epoch 5", l.history().events().get(l.history().events().size() - 1).label());
    }

    @Test
    void afterAnOptimizerSwitchOnlyTheWeightsComeBack() {
        Learner l = learner();
        drive(l, 1, 2);
        Map<Integer, Map<String, float[]>> atEpoch = captureEachEpoch(l);
        l.keepBest(KeepBest.on("driven").mode(MonitorMode.MIN));
        l.fit(2);
        l.optimizer(Optimizers.momentum(0.1, 0.9));
        l.restoreBest();
        Map<String, float[]> now = l.parameters();
        atEpoch.get(1).forEach((k, v) -> {
            if (!k.contains("/")) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(v, now.get(k), k);
            }
        });
        assertTrue(l.state().optimizerStates().isEmpty(), "momentum's state starts fresh, not Adam's of epoch 1");
    }

    @Test
    void snapshotsAreFreedWhenReplacedAndWhenTheFitEnds() {
        Learner l = learner();
        drive(l, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0.5, 0.4, 0.3);
        l.fit(1);
        int arrays = l.state().liveArrays();
        l.earlyStopping(EarlyStopping.on("driven").mode(MonitorMode.MIN).patience(3));
        l.fit(2);
        assertEquals(arrays, l.state().liveArrays(), "early stopping's copy goes when its fit ends");
        for (int i = 0; i < 5; i++) {
            l.keepBest(KeepBest.on("driven").mode(MonitorMode.MIN));
            l.fit(1);
        }
        int params = l.parameters().size();
        int slots = l.state().optimizerStates().values().stream().mapToInt(s -> s.slots().size()).sum();
        assertEquals(arrays + params + slots, l.state().liveArrays(), "one kept copy, however often it was registered");
        l.removeCallback("best");
        assertEquals(arrays, l.state().liveArrays(), "removing it frees its copy");
    }

    @Test
    void restoreBestWithoutKeepBestSaysWhatToDo() {
        Learner l = learner();
        IllegalStateException e = assertThrows(IllegalStateException.class, l::restoreBest);
        assertTrue(e.getMessage().contains("learner.keepBest("), e.getMessage());
        assertNull(l.callback("best"));
    }
}
