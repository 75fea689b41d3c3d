package dev.layerwise.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Callback;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.train.StepContext;
import dev.layerwise.train.StepRecord;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/** Greedy layer-wise training: stages, kept and frozen weights, falling reconstruction error, fair budget. */
@Tag("engine")
class LayerwiseTrainingTest {
    private static final Dataset BLOBS = Datasets.blobs(400, 3, 10, 1.5, 5).batchSize(10);

    private static SupervisedGrowth growth() {
        return Pretrain.supervised(BLOBS).hidden(8, 6, 4).optimizer(Optimizers.sgd(0.2)).quiet();
    }

    @Test
    void growthAddsOneHiddenLayerPerStageUnderAFreshOutput() {
        PretrainResult r = growth().run();
        assertEquals(3, r.stages().size());
        assertEquals(List.of("hidden_1.weight", "hidden_1.bias", "output.weight", "output.bias"),
                List.copyOf(r.stages().get(0).weights().keySet()));
        assertEquals(List.of("hidden_1", "act_1", "hidden_2", "act_2", "hidden_3", "act_3", "output"),
                r.learner().net().layerNames());
        assertArrayEquals(new int[] {8 * 6 + 6}, new int[] {r.stages().get(1).weights().get("hidden_2.weight").length
                + r.stages().get(1).weights().get("hidden_2.bias").length});
    }

    @Test
    void growthKeepsEarlierWeightsAndFreezesThemByDefault() {
        PretrainResult r = growth().run();
        float[] afterStage1 = r.stages().get(0).weights().get("hidden_1.weight");
        assertArrayEquals(afterStage1, r.stages().get(1).weights().get("hidden_1.weight"));
        assertArrayEquals(afterStage1, r.learner().parameter("hidden_1.weight"), "frozen through the last stage");
        float[] afterStage2 = r.stages().get(1).weights().get("hidden_2.weight");
        assertArrayEquals(afterStage2, r.learner().parameter("hidden_2.weight"));
    }

    @Test
    void growthCanTrainAllLayersEachStage() {
        PretrainResult r = growth().onlyNewLayer(false).run();
        assertFalse(Arrays.equals(r.stages().get(0).weights().get("hidden_1.weight"),
                r.learner().parameter("hidden_1.weight")), "earlier layers keep learning");
        assertEquals("all 3 hidden + output", r.stages().get(2).trained());
    }

    @Test
    void eachStageCanTrainItsOwnNumberOfEpochs() {
        PretrainResult r = growth().onlyNewLayer(false).epochsPerStage(1, 2, 3).run();
        assertEquals(List.of(1, 2, 3), r.stages().stream().map(s -> s.history().epochs().size()).toList());
        assertEquals((1 + 2 + 3) * (long) BLOBS.size(), r.examplesSeen());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> growth().epochsPerStage(1, 2).run());
        assertTrue(e.getMessage().contains("epochsPerStage(1, 2)") && e.getMessage().contains("exactly 3"),
                e.getMessage());
    }

    @Test
    void autoencoderReconstructionErrorFalls() {
        PretrainResult r = Pretrain.autoencoders(BLOBS).hidden(8, 6).noise(0.2).epochsPerLayer(4)
                .optimizer(Optimizers.momentum(0.05, 0.9)).quiet().run();
        assertEquals(3, r.stages().size(), "two autoencoders and the fine-tuning");
        for (Stage ae : r.stages().subList(0, 2)) {
            double[] losses = ae.history().losses();
            double first = Arrays.stream(losses, 0, 10).average().orElseThrow();
            double last = Arrays.stream(losses, losses.length - 10, losses.length).average().orElseThrow();
            assertTrue(last < 0.7 * first, ae.name() + ": reconstruction loss " + first + " → " + last);
            assertTrue(Double.isNaN(ae.result().accuracy()), "autoencoders have no labels");
        }
        assertEquals(8 * 10, r.stages().get(2).weights().get("hidden_1.weight").length,
                "the fine-tuned net starts from the first encoder");
        assertTrue(r.testAccuracy() > 0.8, "fine-tuned accuracy " + r.testAccuracy());
    }

    @Test
    void comparisonGivesJointTrainingTheSameBudget() {
        PretrainResult r = growth().epochsPerStage(2).run();
        Comparison c = r.compareWithJoint();
        assertEquals(r.examplesSeen(), c.joint().history().steps().stream().mapToLong(StepRecord::batchSize).sum());
        assertEquals(List.of("hidden_1", "act_1", "hidden_2", "act_2", "hidden_3", "act_3", "output"),
                c.joint().net().layerNames());
        assertTrue(c.toString().contains("joint from scratch"), c.toString());
        assertTrue(c.toMimeBundle().get("image/png") != null, "the overlaid curves render");
    }

    @Test
    void jointTrainingCanBeGivenAsManyEpochsAsFineTuningHad() {
        PretrainResult r = Pretrain.autoencoders(BLOBS).hidden(8, 6).epochsPerLayer(2).fineTuneEpochs(3)
                .optimizer(Optimizers.sgd(0.2)).quiet().run();
        Comparison c = r.compareWithJoint(3);
        assertEquals(3, c.joint().history().epochs().size());
        assertEquals(3L * BLOBS.size(), c.jointExamplesSeen());
        assertEquals(r.stages().get(2).examplesSeen(), c.jointExamplesSeen(), "as many labelled examples as fine-tuning");
        assertTrue(c.toString().contains("(3 epochs)"), c.toString());
        assertEquals(Math.round((2 * 2 + 3) * BLOBS.size() / (double) BLOBS.size()),
                r.compareWithJoint().joint().history().epochs().size(), "the default counts every stage's examples");
    }

    @Test
    void aStopKeepsTheFinishedStages() {
        int[] steps = {0};
        PretrainResult r;
        try {
            r = growth().callback("stop", new Callback() {
                @Override
                public void stepEnded(StepRecord record, StepContext step) {
                    if (++steps[0] == 45) {
                        Interrupts.requestStop(); // 32 steps per stage: this is in the second stage
                    }
                }
            }).run();
        } finally {
            Interrupts.reset();
        }
        assertEquals(2, r.stages().size());
        assertTrue(r.stages().get(1).history().stopped());
    }

    @Test
    void imagesAreRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pretrain.supervised(Datasets.fashionMnist().subset(100).images()));
        assertTrue(e.getMessage().contains("data.flat()"), e.getMessage());
    }
}
