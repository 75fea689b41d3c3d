package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.device.DeviceReport;
import dev.layerwise.nn.Net;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An evaluation computed on a GPU gives the CPU's predictions. Skipped where no GPU is usable, as
 * {@link GpuTrainingTest} is; {@code -Dlayerwise.requireGpu=true} makes a missing GPU fail it.
 */
@Tag("gpu")
class EvaluationOnGpuTest {
    @Test
    void theGpuPredictsWhatTheCpuPredicts() {
        DeviceReport report = Layerwise.deviceReport();
        String why = "no usable GPU (" + report.whyNoGpu() + ")";
        if (Boolean.getBoolean("layerwise.requireGpu")) {
            assertTrue(report.gpuUsable(), why);
        }
        assumeTrue(report.gpuUsable(), why);
        Dataset data = Datasets.fashionMnist().subset(600).testSubset(500).batchSize(50).seed(2);
        Learner learner = Learner.of(Net.input(784).dense(32).relu().dense(10), data).seed(2).quiet();
        learner.fit(1);
        Evaluation cpu = learner.evaluate();
        learner.device(Device.gpu());
        Evaluation gpu = learner.evaluate();
        int[] onCpu = cpu.predictions().predicted();
        int[] onGpu = gpu.predictions().predicted();
        int same = 0;
        for (int i = 0; i < onCpu.length; i++) {
            same += onCpu[i] == onGpu[i] ? 1 : 0;
        }
        assertTrue(same >= onCpu.length - 2, same + " of " + onCpu.length + " alike (a near tie may flip)");
        assertArrayEquals(cpu.predictions().confidence(), gpu.predictions().confidence(), 1e-3f);
        assertEquals(cpu.loss(), gpu.loss(), 1e-3);
        assertEquals(cpu.topK(3).right(), gpu.topK(3).right(), 2);
    }
}
