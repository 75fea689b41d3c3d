package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.layerwise.engine.Torch;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.ParamState;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The step after a change of rate, or after Adam → AdamW, against PyTorch itself (Debian's
 * python3-torch, {@code src/test/python/torch_adam_step.py}): torch's Adam is given the moments and
 * update count the learner kept, and the same gradient. Skipped, saying so, without python3-torch.
 */
@Tag("engine")
class AdamTorchStepTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src", "test", "python", "torch_adam_step.py");
    private static final String W = "dense_1.weight";
    private static final Gson GSON = new Gson();

    @BeforeAll
    static void requirePyTorch() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "Debian's python3-torch is not importable by " + PYTHON + " (" + out.trim() + "); install it"
                + " with apt-get install python3-torch libopenblas0-pthread (.ci/run does)");
    }

    @Test
    void theStepAfterLoweringAdamsRateIsTorchsAdamStepWithTheNewRate() throws Exception {
        Learner l = KeepOptimizerStateTest.learner(Optimizers.adam(0.01));
        l.fit(1);
        Steps.printed(() -> l.learningRate(1e-3));
        assertMatchesTorch(l, 1e-3, 0, false);
    }

    @Test
    void theStepAfterAdamToAdamWIsTorchsAdamWStepFromTheCarriedMoments() throws Exception {
        Learner l = KeepOptimizerStateTest.learner(Optimizers.adam(0.01));
        l.fit(1);
        Steps.printed(() -> l.optimizer(Optimizers.adamW(0.01, 0.1)));
        assertMatchesTorch(l, 0.01, 0.1, true);
    }

    @Test
    void adamMatchesTorchWhereEpsilonMatters() throws Exception {
        // gradients near ε: the paper's "efficient form" (ε added to √v before bias correction) would
        // take steps several times larger here than PyTorch does
        float[] w0 = {0.5f, -1.0f, 2.0f};
        float[] g = {1e-8f, -3e-8f, 2e-7f};
        float[] w1;
        Layerwise.engine();
        try (NDManager m = NDManager.newBaseManager(); ParamState state = new ParamState();
                Torch.NoGrad ignored = Torch.noGrad()) {
            NDArray w = m.create(w0);
            Optimizers.adam(0.01).update(w, m.create(g), state, 1.0, 0);
            w1 = w.toFloatArray();
        }
        float[] torch = torch(w0, new float[3], new float[3], g, 0, 0.01, 0, false);
        for (int i = 0; i < w0.length; i++) {
            assertEquals(torch[i] - w0[i], w1[i] - w0[i], 1e-6, "value " + i);
        }
    }

    private static void assertMatchesTorch(Learner l, double lr, double lambda, boolean decoupled) throws Exception {
        Map<String, float[]> state = Steps.state(l);
        long t = l.state().optimizerStates().get(W).steps();
        float[] w0 = l.parameter(W);
        float[] g = Steps.one(l).get(W);
        float[] ours = l.parameter(W);
        float[] torch = torch(w0, state.get(W + "/mean"), state.get(W + "/variance"), g, t, lr, lambda, decoupled);
        double worst = 0;
        for (int i = 0; i < w0.length; i++) {
            worst = Math.max(worst, Math.abs(torch[i] - ours[i]));
        }
        assertTrue(worst <= 1e-6, "largest difference from torch " + worst);
    }

    private static float[] torch(float[] w, float[] m, float[] v, float[] g, long t, double lr, double lambda,
            boolean decoupled) throws Exception {
        JsonObject c = new JsonObject();
        c.add("w", GSON.toJsonTree(w));
        c.add("m", GSON.toJsonTree(m));
        c.add("v", GSON.toJsonTree(v));
        c.add("g", GSON.toJsonTree(g));
        c.addProperty("t", t);
        c.addProperty("lr", lr);
        c.addProperty("weight_decay", lambda);
        c.addProperty("decoupled", decoupled);
        Process p = new ProcessBuilder(PYTHON, SCRIPT.toString()).start();
        p.getOutputStream().write(c.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, p.exitValue(), "torch_adam_step.py failed:\n" + err);
        return GSON.fromJson(out, float[].class);
    }
}
