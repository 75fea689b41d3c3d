package dev.layerwise.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.train.Learner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Every optimizer: two steps on a tiny tensor equal its update rule computed by hand in double
 * precision; it lowers the loss of a convex problem; its settings show in its rendered form.
 */
@Tag("engine")
class OptimizerContractTest {
    private static final double[] W = {0.5, -1.0, 2.0};
    private static final double[][] G = {{0.1, 0.4, -0.2}, {-0.3, 0.2, 0.05}};

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    /** Reference implementation of one rule: (state arrays, w, g, t from 1) → new w, updating state. */
    interface Rule {
        double[] step(double[][] state, double[] w, double[] g, int t);
    }

    private static double[] map(double[] a, java.util.function.IntToDoubleFunction f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.applyAsDouble(i);
        }
        return out;
    }

    static Stream<Arguments> optimizers() {
        Rule sgd = (s, w, g, t) -> map(w, i -> w[i] - 0.1 * g[i]);
        Rule momentum = (s, w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i];
            }
            return map(w, i -> w[i] - s[0][i]);
        };
        Rule nesterov = (s, w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i];
            }
            return map(w, i -> w[i] - (0.1 * g[i] + 0.9 * s[0][i]));
        };
        Rule rmsprop = (s, w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i] * g[i];
            }
            return map(w, i -> w[i] - 0.01 * g[i] / (Math.sqrt(s[0][i]) + 1e-8));
        };
        Rule adagrad = (s, w, g, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] += g[i] * g[i];
            }
            return map(w, i -> w[i] - 0.1 * g[i] / (Math.sqrt(s[0][i]) + 1e-10));
        };
        Rule adadelta = (s, w, g, t) -> {
            double[] delta = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * g[i] * g[i];
                delta[i] = Math.sqrt(s[1][i] + 1e-6) / Math.sqrt(s[0][i] + 1e-6) * g[i];
                s[1][i] = 0.9 * s[1][i] + 0.1 * delta[i] * delta[i];
            }
            return map(w, i -> w[i] - 1.0 * delta[i]);
        };
        Rule adadeltaZeiler = (s, w, g, t) -> { // ρ = 0.95, as in Zeiler (2012)
            double[] delta = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.95 * s[0][i] + 0.05 * g[i] * g[i];
                delta[i] = Math.sqrt(s[1][i] + 1e-6) / Math.sqrt(s[0][i] + 1e-6) * g[i];
                s[1][i] = 0.95 * s[1][i] + 0.05 * delta[i] * delta[i];
            }
            return map(w, i -> w[i] - 1.0 * delta[i]);
        };
        BiFunction<Double, Boolean, Rule> adam = (decay, decoupled) -> (s, w, g, t) -> {
            double lr = 0.01;
            double[] w0 = decoupled ? map(w, i -> w[i] - lr * decay * w[i]) : w;
            double[] gg = decoupled ? g : map(g, i -> g[i] + decay * w[i]);
            // PyTorch's torch.optim.Adam: step size η/(1−β₁ᵗ), denominator √v/√(1−β₂ᵗ) + ε
            double stepSize = lr / (1 - Math.pow(0.9, t));
            double root = Math.sqrt(1 - Math.pow(0.999, t));
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.9 * s[0][i] + 0.1 * gg[i];
                s[1][i] = 0.999 * s[1][i] + 0.001 * gg[i] * gg[i];
            }
            return map(w, i -> w0[i] - stepSize * s[0][i] / (Math.sqrt(s[1][i]) / root + 1e-8));
        };
        Rule sgdClipDecay = (s, w, g, t) -> map(w, i -> w[i] - 0.1 * (Math.max(-0.15, Math.min(0.15, g[i])) + 0.01 * w[i]));
        return Stream.of(
                Arguments.of(Optimizers.sgd(0.1), sgd, "sgd(lr=0.1)"),
                Arguments.of(Optimizers.momentum(0.1, 0.9), momentum, "momentum=0.9"),
                Arguments.of(Optimizers.nesterov(0.1, 0.9), nesterov, "nesterov(lr=0.1, momentum=0.9)"),
                Arguments.of(Optimizers.rmsprop(0.01), rmsprop, "rho=0.9"),
                Arguments.of(Optimizers.adagrad(0.1), adagrad, "adagrad(lr=0.1"),
                Arguments.of(Optimizers.adadelta(1.0), adadelta, "adadelta(lr=1"),
                Arguments.of(Optimizers.adadelta(1.0).rho(0.95), adadeltaZeiler, "rho=0.95"),
                Arguments.of(Optimizers.adam(0.01), adam.apply(0.0, false), "beta2=0.999"),
                Arguments.of(Optimizers.adam(0.01).weightDecay(0.1), adam.apply(0.1, false), "weightDecay=0.1"),
                Arguments.of(Optimizers.adamW(0.01, 0.1), adam.apply(0.1, true), "adamW(lr=0.01"),
                Arguments.of(Optimizers.sgd(0.1).clip(0.15).weightDecay(0.01), sgdClipDecay, "clip=0.15"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void twoStepsEqualTheUpdateRuleComputedByHand(Optimizer opt, Rule rule, String settings) {
        double[] expected = W.clone();
        double[][] refState = new double[2][W.length];
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager(); ParamState state = new ParamState()) {
            NDArray w = m.create(toFloats(W));
            for (int t = 0; t < 2; t++) {
                NDArray g = m.create(toFloats(G[t]));
                opt.update(w, g, state, 1.0, t); // g is scratch for the rule, as in the learner, which clears it after
                expected = rule.step(refState, expected, G[t], t + 1);
                float[] got = w.toFloatArray();
                for (int i = 0; i < W.length; i++) {
                    assertEquals(expected[i], got[i], 1e-6, opt + " step " + (t + 1) + " value " + i);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Test
    void adamAddsEpsilonAfterTheBiasCorrectionAsPyTorchDoes() {
        // gradients near ε, where the paper's efficient form (ε added before the correction) steps
        // about sixteen times shorter on the first step than PyTorch
        double[] g = {1e-8, -3e-8, 2e-7};
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager(); ParamState state = new ParamState()) {
            NDArray w = m.create(toFloats(W));
            Optimizers.adam(0.01).update(w, m.create(toFloats(g)), state, 1.0, 0);
            float[] got = w.toFloatArray();
            for (int i = 0; i < W.length; i++) {
                double gi = (float) g[i];
                // t = 1: m̂ = g, √v̂ = |g|, so the step is η·g/(|g| + ε)
                assertEquals(-0.01 * gi / (Math.abs(gi) + 1e-8), got[i] - W[i], 1e-6, "value " + i);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Test
    void weightDecaySkipsExemptParametersAndAdamWDefaultsToPyTorchsDecay() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = NDManager.newBaseManager(); ParamState a = new ParamState(); ParamState b = new ParamState()) {
            Optimizer sgd = Optimizers.sgd(0.1).weightDecay(0.5);
            NDArray decayed = m.create(toFloats(W));
            NDArray exempt = m.create(toFloats(W));
            sgd.update(decayed, m.create(toFloats(G[0])), a, 1.0, 0, true);
            sgd.update(exempt, m.create(toFloats(G[0])), b, 1.0, 0, false);
            for (int i = 0; i < W.length; i++) {
                assertEquals(W[i] - 0.1 * (G[0][i] + 0.5 * W[i]), decayed.toFloatArray()[i], 1e-6);
                assertEquals(W[i] - 0.1 * G[0][i], exempt.toFloatArray()[i], 1e-6);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        assertEquals(0.01, Optimizers.adamW(1e-3).weightDecay(), 0, "torch.optim.AdamW's default");
        assertEquals(Optimizers.adamW(1e-3, 0.01), Optimizers.adamW(1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void lowersTheLossOfAConvexProblem(Optimizer opt, Rule rule, String settings) {
        // softmax regression: a convex loss in the weights
        Learner learner = Learner.of(Net.input(5).dense(3), Datasets.blobs(300, 3, 5, 2.0, 7).batchSize(16))
                .optimizer(opt).validate(false);
        learner.removeCallback("progress");
        double before = learner.evaluate(learner.data()).loss();
        learner.fit(3);
        double after = learner.evaluate(learner.data()).loss();
        assertTrue(after < 0.9 * before, opt + ": loss " + before + " → " + after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void settingsAppearInTheRenderedForm(Optimizer opt, Rule rule, String settings) {
        String text = opt.toMimeBundle().text();
        assertTrue(text.contains(settings), text + " should contain " + settings);
        assertEquals(opt.describe(), opt.toString());
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
