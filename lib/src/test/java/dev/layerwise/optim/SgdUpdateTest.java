package dev.layerwise.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.layerwise.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One SGD step equals the update rule computed by hand. */
class SgdUpdateTest {
    private static final float[] W = {0.5f, -1.0f, 2.0f};
    private static final float[] G = {0.1f, 0.4f, -0.2f};

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    private static float[][] twoSteps(Optimizer opt) {
        try (NDManager m = NDManager.newBaseManager(); ParamState state = new ParamState()) {
            NDArray w = m.create(W.clone());
            NDArray g = m.create(G.clone());
            opt.update(w, g, state, opt.learningRate());
            float[] first = w.toFloatArray();
            opt.update(w, g, state, opt.learningRate());
            assertArrayEquals(G, g.toFloatArray(), "the gradient is not modified");
            return new float[][] {first, w.toFloatArray()};
        }
    }

    @Test
    void plainSgdSubtractsRateTimesGradient() {
        float[][] steps = twoSteps(Optimizers.sgd(0.1));
        for (int i = 0; i < W.length; i++) {
            assertEquals(W[i] - 0.1 * G[i], steps[0][i], 1e-6);
            assertEquals(W[i] - 0.2 * G[i], steps[1][i], 1e-6);
        }
    }

    @Test
    void momentumAccumulatesVelocity() {
        float[][] steps = twoSteps(Optimizers.momentum(0.1, 0.9));
        for (int i = 0; i < W.length; i++) {
            double v1 = 0.1 * G[i];
            double v2 = 0.9 * v1 + 0.1 * G[i];
            assertEquals(W[i] - v1, steps[0][i], 1e-6);
            assertEquals(W[i] - v1 - v2, steps[1][i], 1e-6);
        }
    }

    @Test
    void weightDecayAddsLambdaTimesWeight() {
        float[][] steps = twoSteps(Optimizers.sgd(0.1).weightDecay(0.01));
        for (int i = 0; i < W.length; i++) {
            assertEquals(W[i] - 0.1 * (G[i] + 0.01 * W[i]), steps[0][i], 1e-6);
        }
    }

    @Test
    void settingsShowInTheRenderedForm() {
        assertEquals("sgd(lr=0.1)", Optimizers.sgd(0.1).describe());
        String text = Optimizers.momentum(0.05, 0.9).weightDecay(1e-4).toMimeBundle().text();
        assertTrue(text.contains("lr=0.05") && text.contains("momentum=0.9") && text.contains("weightDecay=0.0001"),
                text);
    }
}
