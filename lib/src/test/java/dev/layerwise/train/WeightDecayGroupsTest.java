package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * Weight decay that skips biases and batch-norm parameters, as PyTorch parameter groups with
 * {@code weight_decay=0}: the first step of each parameter against the rule computed by hand.
 */
@Tag("engine")
class WeightDecayGroupsTest {
    private static final Net NET = Net.input(6).dense(8).batchNorm().relu().dense(3).init(Init.he());
    private static final List<String> EXEMPT = List.of("dense_1.bias", "batchnorm_1.gamma", "batchnorm_1.beta",
            "dense_2.bias");
    private static final List<String> WEIGHTS = List.of("dense_1.weight", "dense_2.weight");

    private static Learner learner(Optimizer opt) {
        Dataset data = Datasets.blobs(120, 3, 6, 1.0, 3).batchSize(12).shuffle(false);
        Learner l = Learner.of(NET, data).validate(false).quiet();
        l.removeCallback("checkpoint");
        Steps.printed(() -> l.optimizer(opt));
        return l;
    }

    @Test
    void noDecayOnLeavesBiasesAndBatchNormUndecayedUnderL2() {
        Learner l = learner(Optimizers.sgd(0.1).weightDecay(0.5).noDecayOn("*.bias", "batchnorm*"));
        assertEquals(EXEMPT, l.noDecayParameters());
        Map<String, float[]> w0 = l.parameters();
        Map<String, float[]> g = Steps.one(l);
        Map<String, float[]> w1 = l.parameters();
        for (String p : g.keySet()) {
            double lambda = WEIGHTS.contains(p) ? 0.5 : 0;
            for (int i = 0; i < w0.get(p).length; i++) {
                double expected = w0.get(p)[i] - 0.1 * (g.get(p)[i] + lambda * w0.get(p)[i]);
                assertEquals(expected, w1.get(p)[i], 1e-6, p + "[" + i + "]");
            }
        }
    }

    @Test
    void decayWeightsOnlyShrinksOnlyConnectionWeightsUnderAdamW() {
        String said = Steps.printed(() -> learner(Optimizers.adamW(0.01, 0.5).decayWeightsOnly()));
        assertTrue(said.contains("Weight decay 0.5 skips 4 of 6 parameters (dense_1.bias, batchnorm_1.gamma,"
                + " batchnorm_1.beta, dense_2.bias: 27 of 99 values)."), said);
        Learner l = learner(Optimizers.adamW(0.01, 0.5).decayWeightsOnly());
        assertEquals(EXEMPT, l.noDecayParameters());
        Map<String, float[]> w0 = l.parameters();
        Map<String, float[]> g = Steps.one(l);
        Map<String, float[]> w1 = l.parameters();
        for (String p : g.keySet()) {
            double lambda = WEIGHTS.contains(p) ? 0.5 : 0;
            for (int i = 0; i < w0.get(p).length; i++) {
                double expected = KeepOptimizerStateTest.adam(w0.get(p)[i], 0, 0, g.get(p)[i], 1, 0.01, lambda);
                assertEquals(expected, w1.get(p)[i], 1e-6, p + "[" + i + "]");
            }
        }
    }

    @Test
    void aLayerNameExemptsAllItsParametersAndExemptionsSurviveAChangeOfDecay() {
        Learner l = learner(Optimizers.adamW(1e-3).noDecayOn("batchnorm_1"));
        assertEquals(List.of("batchnorm_1.gamma", "batchnorm_1.beta"), l.noDecayParameters());
        l.fit(1);
        String said = Steps.printed(() -> l.weightDecay(0.1));
        assertTrue(said.contains("Weight decay 0.1 skips 2 of 6 parameters"), said);
        assertEquals(List.of("batchnorm_1.gamma", "batchnorm_1.beta"), l.noDecayParameters());
        assertTrue(l.optimizer().describe().endsWith("weightDecay=0.1, noDecayOn=[batchnorm_1])"),
                l.optimizer().describe());
    }

    @Test
    void aPatternThatMatchesNothingIsRefusedBeforeAnythingChanges() {
        Learner l = learner(Optimizers.sgd(0.1));
        Optimizer before = l.optimizer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.optimizer(Optimizers.adamW(1e-3).noDecayOn("*.bias", "*.bais")));
        assertTrue(e.getMessage().startsWith("noDecayOn(\"*.bais\"): matches no parameter of this net"), e.getMessage());
        assertTrue(e.getMessage().contains("dense_1.weight"), "lists the parameters: " + e.getMessage());
        assertEquals(before, l.optimizer());
    }
}
