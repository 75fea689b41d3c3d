package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

/**
 * Changing a learner's hyperparameters keeps the optimizer's state, and the next update is the
 * rule with the new value applied to the kept state, computed here by hand in double precision
 * from the state and gradient read back (PyTorch's update rules); switching between rules that
 * keep the same state carries it; any other switch says what was reset.
 */
@Tag("engine")
class KeepOptimizerStateTest {
    private static final Net NET = Net.input(6).dense(8).sigmoid().dense(3).init(Init.lecun());
    private static final String W = "dense_1.weight";

    static Learner learner(Optimizer opt) {
        Dataset data = Datasets.blobs(120, 3, 6, 1.0, 3).batchSize(12).shuffle(false);
        Learner l = Learner.of(NET, data).optimizer(opt).validate(false).quiet();
        l.removeCallback("checkpoint");
        return l;
    }

    /** PyTorch's Adam (or AdamW with λ) step for one value, in double precision. */
    static double adam(double w, double m, double v, double g, long t, double lr, double lambda) {
        double shrunk = w - lr * lambda * w;
        double m1 = 0.9 * m + 0.1 * g;
        double v1 = 0.999 * v + 0.001 * g * g;
        return shrunk - lr / (1 - Math.pow(0.9, t)) * m1 / (Math.sqrt(v1) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8);
    }

    @Test
    void changingAdamsRateKeepsItsMomentsAndTheNextUpdateIsPyTorchsRuleWithTheNewRate() {
        Learner l = learner(Optimizers.adam(0.01));
        l.fit(1);
        Map<String, float[]> before = Steps.state(l);
        long t = l.state().optimizerStates().get(W).steps();
        assertEquals(8, t, "96 training examples in batches of 12");
        String said = Steps.printed(() -> l.learningRate(1e-3));
        Steps.state(l).forEach((k, v) -> assertArrayEquals(before.get(k), v, k + " kept bit for bit"));
        assertEquals(before.keySet(), Steps.state(l).keySet());
        assertEquals(t, l.state().optimizerStates().get(W).steps(), "the update count too");
        assertTrue(said.startsWith("Learning rate: 0.01 → 0.001 from step 9 (adam); optimizer state kept (mean,"
                + " variance of 4 parameters)."), said);
        assertTrue(l.history().events().get(l.history().events().size() - 1).label().equals("learning rate → 0.001"));
        assertEquals("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)", l.optimizer().describe());
        assertArrayEquals(before.get(W + "/mean"), l.optimizerState(W).get("mean"), "as users see it");

        float[] w0 = l.parameter(W);
        float[] m = before.get(W + "/mean");
        float[] v = before.get(W + "/variance");
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        for (int i = 0; i < w0.length; i++) {
            double expected = adam(w0[i], m[i], v[i], g[i], t + 1, 1e-3, 0);
            assertEquals(expected - w0[i], w1[i] - w0[i], 1e-6, "update of " + W + "[" + i + "]");
        }
        assertEquals(1e-3, l.history().learningRates()[l.history().learningRates().length - 1], 0);
    }

    @Test
    void changingSgdsMomentumKeepsTheVelocityAndTheNextUpdateIsPyTorchsRuleWithTheNewMomentum() {
        Learner l = learner(Optimizers.momentum(0.1, 0.9));
        l.fit(1);
        float[] velocity = Steps.slot(l, W, "velocity");
        String said = Steps.printed(() -> l.momentum(0.5));
        assertArrayEquals(velocity, Steps.slot(l, W, "velocity"), "velocity kept");
        assertTrue(said.startsWith("Momentum: 0.9 → 0.5 from step 9 (momentum); optimizer state kept (velocity of 4"
                + " parameters)."), said);
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        for (int i = 0; i < w0.length; i++) {
            // PyTorch: b ← μ·b + g; w ← w − η·b, with its buffer b = v/η under a constant rate
            double b = velocity[i] / 0.1;
            double expected = w0[i] - 0.1 * (0.5 * b + g[i]);
            assertEquals(expected - w0[i], w1[i] - w0[i], 1e-6, "update of " + W + "[" + i + "]");
        }
        assertEquals(0.5, l.history().momenta()[l.history().momenta().length - 1], 0);
    }

    @Test
    void aNewRateUnderMomentumAppliesToNewGradientsWhileTheVelocityKeepsItsSteps() {
        Learner l = learner(Optimizers.momentum(0.1, 0.9));
        l.fit(1);
        float[] velocity = Steps.slot(l, W, "velocity");
        l.learningRate(0.01);
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        for (int i = 0; i < w0.length; i++) {
            double expected = w0[i] - (0.9 * velocity[i] + 0.01 * g[i]); // v ← μ·v + η_new·g, see Sgd
            assertEquals(expected - w0[i], w1[i] - w0[i], 1e-6, "update of " + W + "[" + i + "]");
        }
    }

    @Test
    void adamToAdamWCarriesTheMomentsAndSaysSo() {
        Learner l = learner(Optimizers.adam(0.01));
        l.fit(1);
        Map<String, float[]> before = Steps.state(l);
        long t = l.state().optimizerStates().get(W).steps();
        String said = Steps.printed(() -> l.optimizer(Optimizers.adamW(0.01, 0.1)));
        assertTrue(said.contains("; weights kept, optimizer state kept: mean, variance of 4 parameters carried over,"
                + " since adam and adamW keep the same state. Schedules count from here."), said);
        Steps.state(l).forEach((k, v) -> assertArrayEquals(before.get(k), v, k + " carried"));
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        float[] m = before.get(W + "/mean");
        float[] v = before.get(W + "/variance");
        for (int i = 0; i < w0.length; i++) {
            double expected = adam(w0[i], m[i], v[i], g[i], t + 1, 0.01, 0.1);
            assertEquals(expected - w0[i], w1[i] - w0[i], 1e-6, "AdamW's update of " + W + "[" + i + "]");
        }
        Steps.printed(() -> l.optimizer(Optimizers.adam(0.01)));
        assertEquals(t + 1, l.state().optimizerStates().get(W).steps(), "and back to Adam, still carried");
    }

    @Test
    void momentumAndNesterovShareTheVelocity() {
        Learner l = learner(Optimizers.momentum(0.1, 0.9));
        l.fit(1);
        float[] velocity = Steps.slot(l, W, "velocity");
        String said = Steps.printed(() -> l.optimizer(Optimizers.nesterov(0.1, 0.9)));
        assertTrue(said.contains("optimizer state kept: velocity of 4 parameters carried over, since momentum and"
                + " nesterov keep the same state"), said);
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        for (int i = 0; i < w0.length; i++) {
            double v1 = 0.9 * velocity[i] + 0.1 * g[i];
            double expected = w0[i] - (0.1 * g[i] + 0.9 * v1);
            assertEquals(expected - w0[i], w1[i] - w0[i], 1e-6, "Nesterov's update from the carried velocity");
        }
    }

    @Test
    void sgdToMomentumStartsTheVelocityAtZeroAsAFreshOptimizerWould() {
        Learner l = learner(Optimizers.sgd(0.1));
        l.fit(1);
        String said = Steps.printed(() -> l.optimizer(Optimizers.momentum(0.1, 0.9)));
        assertTrue(said.contains("weights kept, sgd keeps no state, so the velocity starts at zero, as for a fresh"
                + " momentum: its first step is η·g, the same as PyTorch's"), said);
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] w1 = l.parameter(W);
        for (int i = 0; i < w0.length; i++) {
            assertEquals(-0.1 * g[i], w1[i] - w0[i], 1e-6, "first momentum step: η·g");
        }
        Learner plain = learner(Optimizers.sgd(0.1));
        plain.fit(1);
        String viaMomentum = Steps.printed(() -> plain.momentum(0.9));
        assertTrue(viaMomentum.startsWith("Momentum: none → 0.9 from step 9 (momentum); plain SGD kept no state, so the"
                + " velocity starts at zero"), viaMomentum);
        assertEquals("momentum(lr=0.1, momentum=0.9)", plain.optimizer().describe());
    }

    @Test
    void anIncompatibleSwitchSaysWhatWasReset() {
        Learner l = learner(Optimizers.adam(0.01));
        l.fit(1);
        String said = Steps.printed(() -> l.optimizer(Optimizers.rmsprop(1e-3)));
        assertTrue(said.contains("weights kept, optimizer state reset: mean, variance of 4 parameters dropped (rmsprop"
                + " keeps meanSquare instead), so rmsprop starts fresh."), said);
        assertTrue(Steps.state(l).isEmpty(), "Adam's moments are gone");
        Steps.one(l);
        assertEquals(Set.of(W + "/meanSquare", "dense_1.bias/meanSquare", "dense_2.weight/meanSquare",
                "dense_2.bias/meanSquare"), Steps.state(l).keySet());
        String dropped = Steps.printed(() -> l.optimizer(Optimizers.sgd(0.1)));
        assertTrue(dropped.contains("optimizer state reset: meanSquare of 4 parameters dropped (sgd keeps no state)"),
                dropped);
    }

    @Test
    void theSameRuleWithOtherSettingsKeepsItsState() {
        Learner l = learner(Optimizers.adam(1e-3));
        l.fit(1);
        Map<String, float[]> before = Steps.state(l);
        String said = Steps.printed(() -> l.optimizer(Optimizers.adam(1e-4)));
        assertTrue(said.contains("optimizer state kept: mean, variance of 4 parameters carried over, since adam keeps"
                + " the same state"), said);
        Steps.state(l).forEach((k, v) -> assertArrayEquals(before.get(k), v, k));
        Steps.printed(l::resetOptimizerState);
        assertTrue(Steps.state(l).isEmpty(), "resetOptimizerState() drops it when that is what you want");
        assertEquals("optimizer state reset", l.history().events().get(l.history().events().size() - 1).label());
    }

    @Test
    void aNewRateStartsAtTheNextStepWhileARunningMomentumScheduleCarriesOn() {
        Learner l = learner(Optimizers.momentum(Schedule.constant(0.1), Schedule.linear(0.5, 0.9, 16)));
        l.fit(1);
        Steps.printed(() -> l.learningRate(Schedule.linear(0.05, 0.01, 8)));
        l.fit(1);
        double[] lr = l.history().learningRates();
        double[] mu = l.history().momenta();
        assertEquals(0.1, lr[7], 0);
        assertEquals(0.05, lr[8], 1e-12, "the new schedule at its step 0");
        assertEquals(0.05 - 0.04 * 7 / 8, lr[15], 1e-12);
        for (int i = 0; i < 16; i++) {
            assertEquals(0.5 + 0.4 * i / 16, mu[i], 1e-12, "momentum schedule undisturbed at step " + (i + 1));
        }
        assertEquals("momentum(lr=0.1 for 8 steps, then linear(0.05 → 0.01 over 8 steps), momentum=linear(0.5 → 0.9"
                + " over 16 steps))", l.optimizer().describe());
    }

    @Test
    void weightDecayAndClippingChangeInPlaceToo() {
        Learner l = learner(Optimizers.adamW(1e-3, 0.01));
        l.fit(1);
        Map<String, float[]> before = Steps.state(l);
        assertTrue(Steps.printed(() -> l.weightDecay(0.05)).startsWith("Weight decay: 0.01 → 0.05 from step 9 (adamW);"
                + " optimizer state kept"));
        assertTrue(Steps.printed(() -> l.clipGradNorm(1)).startsWith("Clipping by global norm: off → 1 from step 9"));
        assertTrue(Steps.printed(() -> l.clipGradValue(0.5)).startsWith("Clipping of each gradient value: off → 0.5"));
        Steps.state(l).forEach((k, v) -> assertArrayEquals(before.get(k), v, k));
        assertEquals("adamW(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weightDecay=0.05, clip=0.5, clipGradNorm=1)",
                l.optimizer().describe());
    }

    @Test
    void momentumOnARuleWithoutItSaysWhatTheRuleHas() {
        Learner l = learner(Optimizers.adagrad(0.1));
        Optimizer before = l.optimizer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.momentum(0.9));
        assertTrue(e.getMessage().startsWith("momentum(0.9): adagrad(lr=0.1, eps=1e-10) has no momentum; its settings"
                + " are learning rate, epsilon, weight decay, clip, clipGradNorm."), e.getMessage());
        assertEquals(before, l.optimizer());
        assertNull(l.optimizer().momentum());
    }
}
