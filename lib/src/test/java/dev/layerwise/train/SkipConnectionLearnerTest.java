package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.io.TorchNames;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Layers inside residual blocks are addressable by their stable names everywhere a learner takes a
 * layer: parameters, per-layer rates, freezing, gradient and activation statistics, save and load,
 * and the PyTorch names. Trains a small ResNet on real Fashion-MNIST images.
 */
@Tag("engine")
class SkipConnectionLearnerTest {
    /** Stem conv (stride 2, 14×14), an identity block, a downsampling block (7×7), pooling, dense. */
    static Net resNet() {
        return Net.input(1, 28, 28).conv2d(4, 3, 2, 1).batchNorm().relu().resBlock(4).resBlock(8, 2)
                .globalAvgPool().dense(10);
    }

    private static Dataset batches(int n) {
        return Datasets.fashionMnist().subset(64).images().batchSize(64 / n).seed(3);
    }

    private static Learner learner() {
        return Learner.of(resNet(), batches(1)).seed(9).optimizer(Optimizers.sgd(0.1)).quiet();
    }

    private static List<String> trainable(Learner l) {
        return l.net().parameters().stream().filter(p -> p.role().trainable()).map(ParamSpec::name).toList();
    }

    @Test
    void parametersInsideBlocksHaveStableNamesAndCanBeReadAndWritten() {
        Learner l = learner();
        assertEquals(8 * 4 * 3 * 3, l.parameter("res_2.conv2d_1.weight").length);
        assertEquals(8 * 4, l.parameter("res_2.shortcut.conv2d_1.weight").length, "the 1×1 projection");
        assertEquals(8, l.parameter("res_2.shortcut.batchnorm_1.runningMean").length);
        float[] ones = new float[4];
        java.util.Arrays.fill(ones, 1f);
        l.parameter("res_1.batchnorm_2.gamma", ones);
        assertArrayEquals(ones, l.parameter("res_1.batchnorm_2.gamma"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.parameter("res_2.conv_1.weight"));
        assertTrue(e.getMessage().contains("res_2.conv2d_1.weight"), "lists the real names: " + e.getMessage());
    }

    @Test
    void aRateForABlockOrAPatternScalesExactlyTheUpdatesOfTheLayersInsideIt() {
        Map<String, float[]> before = learner().parameters();
        Map<String, float[]> plain = step(learner());
        Map<String, float[]> blockRate = step(learner().layerRate("res_1", 3));
        Map<String, float[]> patternRate = step(learner().layerRate("res_2.*", 2));
        for (String name : trainable(learner())) {
            double block = name.startsWith("res_1.") ? 3 : 1;
            double pattern = name.startsWith("res_2.") ? 2 : 1;
            assertScaled(before.get(name), plain.get(name), blockRate.get(name), block, "res_1 × 3: " + name);
            assertScaled(before.get(name), plain.get(name), patternRate.get(name), pattern, "res_2.* × 2: " + name);
        }
    }

    private static Map<String, float[]> step(Learner l) {
        l.fit(1); // one batch: one SGD step from the same weights on the same examples
        assertEquals(1, l.step());
        return l.parameters();
    }

    /** The update with the rule is factor × the update without it, to float rounding of the weights. */
    private static void assertScaled(float[] w0, float[] plain, float[] scaled, double factor, String what) {
        boolean moved = false;
        for (int i = 0; i < w0.length; i++) {
            double expected = factor * ((double) plain[i] - w0[i]);
            assertEquals(expected, (double) scaled[i] - w0[i], 2e-6 * (1 + Math.abs(w0[i])), what + "[" + i + "]");
            moved |= plain[i] != w0[i];
        }
        assertTrue(moved, what + " learned in the step");
    }

    @Test
    void freezingABlockFreezesEveryLayerInsideItAndOneOfThemCanBeUnfrozen() {
        Learner l = Learner.of(resNet(), batches(2)).seed(9).optimizer(Optimizers.momentum(0.05, 0.9)).quiet()
                .freeze("res_1");
        assertTrue(l.frozenLayers().containsAll(List.of("res_1", "res_1.conv2d_1", "res_1.batchnorm_2")),
                l.frozenLayers().toString());
        Map<String, float[]> before = l.parameters();
        l.fit(1);
        Map<String, float[]> after = l.parameters();
        for (String name : trainable(l)) {
            boolean same = java.util.Arrays.equals(before.get(name), after.get(name));
            assertEquals(name.startsWith("res_1."), same, name + (same ? " did not change" : " changed"));
        }
        l.unfreeze("res_1.conv2d_2");
        l.fit(1);
        Map<String, float[]> later = l.parameters();
        assertFalse(java.util.Arrays.equals(after.get("res_1.conv2d_2.weight"), later.get("res_1.conv2d_2.weight")));
        assertArrayEquals(after.get("res_1.conv2d_1.weight"), later.get("res_1.conv2d_1.weight"), "still frozen");
    }

    @Test
    void gradientAndActivationStatisticsNameTheLayersInsideBlocks() {
        Learner l = Learner.of(resNet(), batches(4)).seed(9).optimizer(Optimizers.sgd(0.1))
                .watch(Gradients.perLayer().every(1).activations()).quiet();
        l.fit(1);
        GradientLog log = l.gradients();
        assertTrue(log.layers().containsAll(List.of("conv2d_1", "res_1.conv2d_1", "res_1.batchnorm_2",
                "res_2.shortcut.conv2d_1", "dense_1")), log.layers().toString());
        assertEquals(4, log.series("res_2.conv2d_1", "weight", GradientLog.NORM).length, "one value per step");
        assertTrue(log.series("res_2.shortcut.conv2d_1", "weight", GradientLog.NORM)[0] > 0);
        assertTrue(log.speedOfLearning().speeds().containsKey("res_2.conv2d_2"));
        assertEquals(4, log.series("res_1.relu_1", GradientLog.ACTIVATION, GradientLog.DEAD).length,
                "ReLUs inside blocks report their dead units");
        assertEquals(4, log.series("res_2", GradientLog.ACTIVATION, GradientLog.STD).length, "and the block its sum");
        GradientLog probe = l.gradientsOn(batches(1).subset(16));
        assertTrue(probe.layers().contains("res_2.shortcut.batchnorm_1"), probe.layers().toString());
    }

    @Test
    void aLearnerWithBlocksSavesAndLoadsWithItsRatesAndFrozenLayers(@TempDir Path dir) throws Exception {
        Learner l = Learner.of(resNet(), batches(2)).seed(4).optimizer(Optimizers.adam(1e-3)).quiet()
                .layerRate("res_2.*", 0.5).freeze("res_1.conv2d_1");
        l.fit(1);
        Learner back = Learner.load(l.save(dir.resolve("resnet.layerwise")), batches(2));
        assertEquals(l.net(), back.net());
        assertEquals(l.frozenLayers(), back.frozenLayers());
        l.parameters().forEach((name, v) -> assertArrayEquals(v, back.parameter(name), name));
        l.fit(1);
        back.fit(1);
        l.parameters().forEach((name, v) -> assertArrayEquals(v, back.parameter(name), "after one more epoch: " + name));
    }

    @Test
    void pytorchNamesPutABlocksLayersUnderBodyAndShortcut() {
        TorchNames names = TorchNames.of(resNet());
        assertEquals("3.body.0.weight", names.torch("res_1.conv2d_1.weight"));
        assertEquals("5.body.1.running_var", names.torch("res_2.batchnorm_1.runningVar"));
        assertEquals("5.shortcut.0.weight", names.torch("res_2.shortcut.conv2d_1.weight"));
        assertEquals("5.shortcut.1.bias", names.torch("res_2.shortcut.batchnorm_1.beta"));
        assertTrue(names.entries().stream().anyMatch(e -> e.torch().equals("5.shortcut.1.num_batches_tracked")));
        assertTrue(TorchNames.python(resNet()).contains("class Residual(nn.Module)"));
    }

    @Test
    void batchNormInsideABlockIsFoundWhenTheBatchSizeIsOne() {
        Learner l = Learner.of(Net.input(4).resBlock(4).dense(3), Datasets.blobs(30, 3, 4, 1.0, 1).batchSize(1))
                .quiet();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.fit(1));
        assertTrue(e.getMessage().contains("res_1.batchnorm_1"), e.getMessage());
    }
}
