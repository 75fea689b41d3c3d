package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.device.DeviceMismatchException;
import dev.layerwise.device.DeviceReport;
import dev.layerwise.device.GpuInfo;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Training on a real GPU. Skipped, with the reason, where no GPU is usable; run them alone with
 * {@code mvn -B test -Dgroups=gpu -Dlayerwise.requireGpu=true} on a machine with CUDA natives
 * (README, section GPU), where a GPU that is not usable then fails them instead.
 */
@Tag("gpu")
class GpuTrainingTest {
    private DeviceReport report;

    @BeforeEach
    void needsAGpu() {
        report = Layerwise.deviceReport();
        String why = "no usable GPU (" + report.whyNoGpu() + "); %device or Layerwise.deviceReport() says how to get one";
        if (Boolean.getBoolean("layerwise.requireGpu")) {
            assertTrue(report.gpuUsable(), why + "\n" + report);
        }
        assumeTrue(report.gpuUsable(), why);
    }

    private static Learner momentumLearner(Dataset data) {
        return Learner.of(Net.input(784).dense(64).relu().dense(10).init(Init.he()), data)
                .seed(5).optimizer(Optimizers.momentum(0.05, 0.9)).quiet();
    }

    @Test
    void theReportNamesTheGpuAndItsMemory() {
        GpuInfo first = report.gpus().get(0);
        assertTrue(first.totalBytes() > 1L << 30, first.toString());
        assertTrue(!first.name().equals("unknown"), first.toString());
        assertTrue(report.flavor().startsWith("cu"), report.flavor());
        assertTrue(report.cudaVersion() != null && report.cudaVersion().startsWith("12."), report.toString());
    }

    @Test
    void theQuickstartTrainsOnTheGpuLikeOnTheCpu() {
        Dataset data = Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42);
        Net net = Net.input(784).dense(30).sigmoid().dense(30).sigmoid().dense(30).sigmoid().dense(10)
                .init(Init.normal(0, 1));
        Learner gpu = Learner.of(net, data).device("gpu").optimizer(Optimizers.sgd(0.1)).quiet();
        Learner cpu = Learner.of(net, data).device("cpu").optimizer(Optimizers.sgd(0.1)).quiet();
        gpu.fit(1);
        cpu.fit(1);
        assertTrue(gpu.device().isGpu());
        double[] g = gpu.history().losses();
        double[] c = cpu.history().losses();
        for (int i = 0; i < 50; i++) {
            assertEquals(c[i], g[i], 1e-3 * Math.max(1, Math.abs(c[i])), "step " + (i + 1) + " loss, GPU vs CPU");
        }
        assertEquals(cpu.evaluate().accuracy(), gpu.evaluate().accuracy(), 0.05, "same training, same accuracy");
        assertTrue(gpu.evaluate().accuracy() > 0.5, "the deep sigmoid net learns on the GPU: " + gpu.evaluate());
    }

    @Test
    void movingCpuToGpuToCpuKeepsWeightsAndOptimizerState() {
        Dataset data = Datasets.fashionMnist().subset(2_000).batchSize(50).seed(1);
        Learner moved = momentumLearner(data).device("cpu");
        Learner reference = momentumLearner(data).device("cpu");
        moved.fit(1);
        reference.fit(1);
        Map<String, float[]> before = moved.parameters();
        float[] velocity = moved.state().optimizerState("dense_1.weight").slots().get("velocity").toFloatArray();

        moved.device(Device.gpu());
        assertTrue(moved.device().isGpu());
        moved.parameters().forEach((name, v) -> assertArrayEquals(before.get(name), v, 0f, name + " copied exactly"));
        NDArray movedVelocity = moved.state().optimizerState("dense_1.weight").slots().get("velocity");
        assertTrue(movedVelocity.getDevice().isGpu(), "momentum moved along");
        assertArrayEquals(velocity, movedVelocity.toFloatArray(), 0f, "momentum copied exactly");
        moved.fit(1);
        Map<String, float[]> onGpu = moved.parameters();

        moved.device("cpu");
        assertEquals(Device.cpu(), moved.device());
        moved.parameters().forEach((name, v) -> assertArrayEquals(onGpu.get(name), v, 0f, name + " copied back"));
        moved.fit(1);
        reference.fit(2);
        double[] m = moved.history().losses();
        double[] r = reference.history().losses();
        assertEquals(r.length, m.length);
        for (int i = 0; i < r.length; i++) {
            assertEquals(r[i], m[i], 1e-2 * Math.max(1, Math.abs(r[i])), "step " + (i + 1)
                    + ": the course matches the CPU-only learner (up to the devices' rounding)");
        }
    }

    @Test
    void mixingDevicesIsAClearError() {
        Dataset data = Datasets.fashionMnist().subset(500).batchSize(50).seed(1);
        Learner learner = momentumLearner(data).device("gpu");
        try (NDManager cpuManager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = cpuManager.ones(new Shape(3, 784));
            DeviceMismatchException e = assertThrows(DeviceMismatchException.class, () -> learner.predict(x));
            assertTrue(e.getMessage().contains("the input is on cpu() but the learner is on gpu(0)"), e.getMessage());
            NDArray out = learner.predict(x.toDevice(learner.device(), false));
            assertEquals(new Shape(3, 10), out.getShape());
            assertTrue(out.getDevice().isGpu());
        }
    }
}
