package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.device.GpuUnavailableException;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Moving a learner copies its weights and optimizer state and drops its device data, and training
 * goes on as if nothing had happened. DJL has one CPU device, so on the CPU the move is forced as a
 * copy onto the same device; the GPU tests ({@code GpuTrainingTest}) move between real devices.
 */
@Tag("engine")
class DeviceMoveTest {
    private static Learner trained() {
        Dataset data = Datasets.blobs(300, 3, 5, 1.0, 9).batchSize(10).seed(4);
        Learner learner = Learner.of(Net.input(5).dense(8).sigmoid().dense(3).init(Init.normal(0, 1)), data)
                .seed(3).optimizer(Optimizers.momentum(0.05, 0.9)).quiet();
        learner.fit(1);
        return learner;
    }

    @Test
    void movingATrainedLearnerKeepsWeightsOptimizerStateAndItsCourse() {
        Learner stays = trained();
        Learner moves = trained();
        NDArray velocityBefore = moves.state().optimizerState("dense_1.weight").slots().get("velocity");
        int arraysBefore = moves.state().liveArrays();

        moves.relocate(Device.cpu());

        NDArray velocityAfter = moves.state().optimizerState("dense_1.weight").slots().get("velocity");
        assertNotSame(velocityBefore, velocityAfter, "the optimizer state was copied");
        assertArrayEquals(stays.state().optimizerState("dense_1.weight").slots().get("velocity").toFloatArray(),
                velocityAfter.toFloatArray(), 0f, "momentum survives the move");
        Map<String, float[]> expected = stays.parameters();
        moves.parameters().forEach((name, values) -> assertArrayEquals(expected.get(name), values, 0f, name));
        stays.fit(1);
        moves.fit(1);
        assertEquals(arraysBefore, moves.state().liveArrays(), "the old copies were freed");
        assertEquals(stays.state().liveArrays(), moves.state().liveArrays());
        assertArrayEquals(stays.history().losses(), moves.history().losses(), 0.0,
                "training continues exactly as without the move");
        assertTrue(moves.history().events().stream().anyMatch(e -> e.label().equals("device → cpu()")),
                "the move is marked on the history: " + moves.history().events());
    }

    @Test
    void askingForAnUnusableGpuChangesNothingAndSaysWhy() {
        assumeFalse(Layerwise.deviceReport().gpuUsable(), "this machine has a usable GPU; GpuTrainingTest covers it");
        Learner learner = trained();
        float[] before = learner.parameter("dense_1.weight");
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, () -> learner.device("gpu"));
        assertTrue(e.getMessage().startsWith("device(\"gpu\"): no usable GPU, so nothing was changed"), e.getMessage());
        assertTrue(e.getMessage().contains("fix:"), e.getMessage());
        assertThrows(GpuUnavailableException.class, () -> learner.device(Device.gpu()));
        assertEquals(Device.cpu(), learner.device());
        assertArrayEquals(before, learner.parameter("dense_1.weight"), 0f);
        learner.fit(1);
        assertEquals(2, learner.epoch(), "the learner still trains");
    }

    @Test
    void theDeviceCannotChangeWhileFitRuns() {
        Learner learner = trained();
        learner.callback("mover", new Callback() {
            @Override
            public void fitStarted(Learner l, int epochs, long steps) {
                l.device(Device.cpu());
            }
        });
        CallbackException e = assertThrows(CallbackException.class, () -> learner.fit(1));
        assertEquals("mover", e.callback(), "the failing callback is named");
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("cannot change while fit(...) runs"), cause.getMessage());
        learner.removeCallback("mover");
        learner.device(Device.cpu());
        learner.fit(1);
    }
}
