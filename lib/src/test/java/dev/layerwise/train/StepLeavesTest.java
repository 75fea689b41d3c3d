package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.Gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A large parameter's gradient is made fresh each step (a stand-in leaf) instead of being added into
 * a kept one and cleared: the weights, the gradients callbacks see and the recorder's statistics
 * must be exactly those of kept gradients, for every optimizer.
 */
@Tag("engine")
class StepLeavesTest {
    private static final Dataset DATA = Datasets.fashionMnist().subset(640).batchSize(64);

    /** 784 × 32 first weights (25,088 values) get a stand-in; the 32 × 10 ones and the biases do not. */
    private static Learner learner(Supplier<Optimizer> optimizer, boolean keepEveryGradient) {
        Learner l = Learner.of(Net.input(784).dense(32).relu().dense(10), DATA).optimizer(optimizer.get())
                .validate(false).quiet().seed(7);
        if (keepEveryGradient) {
            l.state().keepEveryGradient();
        }
        return l;
    }

    private static Supplier<Optimizer> optimizer(String name) {
        switch (name) {
            case "sgd": return () -> Optimizers.sgd(0.1);
            case "momentum": return () -> Optimizers.momentum(0.05, 0.9);
            case "nesterov": return () -> Optimizers.nesterov(0.05, 0.9);
            case "rmsprop": return () -> Optimizers.rmsprop(1e-3);
            case "adagrad": return () -> Optimizers.adagrad(0.05);
            case "adadelta": return () -> Optimizers.adadelta(1.0);
            case "adam": return () -> Optimizers.adam(1e-3);
            case "adamw-clipped": return () -> Optimizers.adamW(1e-3, 0.01).clipGradNorm(0.5);
            default: throw new AssertionError(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adadelta", "adam", "adamw-clipped"})
    void freshGradientsTrainToTheWeightsOfKeptOnes(String name) {
        try (Learner fresh = learner(optimizer(name), false); Learner kept = learner(optimizer(name), true)) {
            fresh.fit(2);
            kept.fit(2);
            Map<String, float[]> a = fresh.parameters();
            Map<String, float[]> b = kept.parameters();
            assertEquals(b.keySet(), a.keySet());
            for (String p : a.keySet()) {
                assertArrayEquals(b.get(p), a.get(p), 0f, name + ": " + p + " after 20 steps");
            }
            assertArrayEquals(kept.history().losses(), fresh.history().losses(), 0.0, name + ": losses");
        }
    }

    @Test
    void callbacksSeeEachStepsOwnGradient() {
        List<float[]> seenFresh = new ArrayList<>();
        List<float[]> seenKept = new ArrayList<>();
        try (Learner fresh = learner(optimizer("momentum"), false); Learner kept = learner(optimizer("momentum"), true)) {
            String first = fresh.parameters().keySet().iterator().next();
            List<Boolean> standIns = new ArrayList<>();
            fresh.on(Event.AFTER_BACKWARD, c -> {
                standIns.add(fresh.state().leaves().has(first) && !kept.state().leaves().has(first));
                seenFresh.add(c.gradient(first).toFloatArray());
            });
            kept.on(Event.AFTER_BACKWARD, c -> seenKept.add(c.gradient(first).toFloatArray()));
            fresh.fit(1);
            kept.fit(1);
            assertEquals(10, seenFresh.size());
            assertTrue(standIns.stream().allMatch(b -> b), first + " had a stand-in in every step, only without keepEveryGradient");
            for (int i = 0; i < seenFresh.size(); i++) {
                float[] f = seenFresh.get(i);
                float[] k = seenKept.get(i);
                assertEquals(k.length, f.length);
                for (int j = 0; j < f.length; j++) {
                    assertEquals(k[j], f[j], 0f, "step " + (i + 1) + ", value " + j); // -0.0 and 0.0 alike
                }
            }
        }
    }

    @Test
    void theRecorderSeesTheSameGradientsAndHoldsNoViewOfAFreedOne() {
        try (Learner fresh = learner(optimizer("sgd"), false); Learner kept = learner(optimizer("sgd"), true)) {
            fresh.watch(Gradients.perLayer().every(1));
            kept.watch(Gradients.perLayer().every(1));
            fresh.fit(3);
            kept.fit(3);
            assertEquals(kept.gradients().rows().toString(), fresh.gradients().rows().toString());
            GradientRecorder recorder = (GradientRecorder) fresh.callback("gradients");
            int arrays = 2 * fresh.parameters().size(); // a view per weight and per gradient at most
            assertTrue(recorder.viewCount() <= arrays, recorder.viewCount() + " views held after 30 sampled steps");
        }
    }
}
