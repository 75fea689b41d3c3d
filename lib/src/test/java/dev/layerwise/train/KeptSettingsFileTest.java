package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.layerwise.optim.BaseOptimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * A learner whose hyperparameters were changed in place saves and loads them — a rate appended to
 * a running schedule, momentum, weight decay with its exemptions, both clippings — and continues
 * bit for bit; a file of format 1, written before these settings existed, still loads.
 */
@Tag("engine")
class KeptSettingsFileTest {
    @TempDir
    Path dir;

    private static Learner learner() {
        Learner l = Learner.of(SaveLoadTest.NET, SaveLoadTest.data()).quiet().seed(11)
                .optimizer(Optimizers.momentum(Schedule.constant(0.05), Schedule.linear(0.5, 0.9, 30))
                        .weightDecay(1e-3).noDecayOn("*.bias").decayWeightsOnly());
        l.removeCallback("checkpoint");
        return l;
    }

    private static void retune(Learner l) {
        l.fit(1);
        l.learningRate(0.02);
        l.clipGradNorm(0.5);
        l.clipGradValue(2);
        l.weightDecay(5e-3);
    }

    @Test
    void changedSettingsComeBackAndTrainingContinuesBitForBit() throws Exception {
        Learner straight = learner();
        Steps.printed(() -> retune(straight));
        straight.fit(1);
        straight.fit(1); // each fit seeds libtorch from the step, so fit calls are matched one for one

        Learner first = learner();
        Steps.printed(() -> retune(first));
        first.fit(1);
        Learner back = Learner.load(first.save(dir.resolve("retuned.layerwise")), SaveLoadTest.data());
        back.quiet().removeCallback("checkpoint");
        assertEquals("momentum(lr=0.05 for 6 steps, then 0.02, momentum=linear(0.5 → 0.9 over 30 steps),"
                + " weightDecay=0.005, decayWeightsOnly, noDecayOn=[*.bias], clip=2, clipGradNorm=0.5)",
                back.optimizer().describe());
        assertEquals(first.noDecayParameters(), back.noDecayParameters());
        back.fit(1);
        straight.parameters().forEach((p, v) -> assertArrayEquals(v, back.parameters().get(p), 0f, p));
    }

    @Test
    void aFormatOneFileWithoutTheNewSettingsStillLoads() throws Exception {
        Learner l = Learner.of(SaveLoadTest.NET, SaveLoadTest.data()).quiet().seed(11)
                .optimizer(Optimizers.adam(0.01).weightDecay(1e-4));
        l.removeCallback("checkpoint");
        l.fit(1);
        Path old = LearnerFileBadInputTest.rewrite(l.save(dir.resolve("new.layerwise")), dir.resolve("old.layerwise"),
                meta -> {
                    JsonObject o = meta.getAsJsonObject("optimizer");
                    List.of("clipGradNorm", "noDecayOn", "decayWeightsOnly").forEach(o::remove);
                    meta.addProperty("format", 1);
                    return meta;
                });
        Learner back = Learner.load(old, SaveLoadTest.data());
        assertEquals(l.optimizer().describe(), back.optimizer().describe());
        BaseOptimizer<?> o = (BaseOptimizer<?>) back.optimizer();
        assertEquals(0, o.clipGradNorm());
        assertTrue(o.noDecayPatterns().isEmpty() && !o.decaysWeightsOnly());
        assertEquals(l.state().optimizerStates().get("dense_1.weight").steps(),
                back.state().optimizerStates().get("dense_1.weight").steps(), "Adam's moments and count came back");
    }
}
