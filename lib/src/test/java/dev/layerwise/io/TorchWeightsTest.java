package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.Learner;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Saving and loading weights in PyTorch's formats within Layerwise: round trips, names, conversions. */
@Tag("engine")
class TorchWeightsTest {
    @TempDir
    Path dir;

    private static Dataset images() {
        return Datasets.blobs(120, 3, 16, 1.0, 3).reshape(1, 4, 4).batchSize(20).seed(2);
    }

    private static Net convNet() {
        return Net.input(1, 4, 4).conv2d(3, 3, 1, 1).batchNorm().relu().maxPool(2).flatten().dense(6).batchNorm()
                .tanh().dense(3);
    }

    private static Learner trained() {
        Learner learner = Learner.of(convNet(), images()).seed(1).optimizer(Optimizers.adam(0.01)).quiet();
        learner.fit(2);
        return learner;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"safetensors", "npz"})
    void savingThenLoadingIntoAFreshLearnerGivesIdenticalWeightsAndPredictions(String format) throws IOException {
        Learner source = trained();
        Path file = TorchWeights.save(source, dir.resolve("w." + format));
        Learner target = Learner.of(convNet(), images()).seed(2).optimizer(Optimizers.momentum(0.1, 0.9)).quiet();
        target.fit(1);
        float[][] x = {images().train().features(0), images().train().features(7)};
        assertFalse(java.util.Arrays.deepEquals(source.predict(x), target.predict(x)), "the learners differ at first");

        TorchLoad loaded = TorchWeights.load(target, file);

        Map<String, float[]> expected = source.parameters();
        assertEquals(expected.keySet(), target.parameters().keySet());
        target.parameters().forEach((name, v) -> assertArrayEquals(expected.get(name), v, 0f, name));
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(source.predict(x)[i], target.predict(x)[i], 0f, "example " + i);
        }
        assertEquals(List.copyOf(expected.keySet()), loaded.loaded(), "every array, in state_dict order");
        assertEquals(List.of("1.num_batches_tracked", "6.num_batches_tracked"), loaded.ignored());
        assertTrue(loaded.converted().isEmpty(), "float32 needs no conversion: " + loaded);
        assertEquals(images().batchesPerEpoch(), target.step(), "the step count is the learner's own");
        target.fit(1);
        assertTrue(Double.isFinite(target.history().lastEpoch().loss()), "training goes on with the loaded weights");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"safetensors", "npz"})
    void theFileHoldsFloat32ArraysUnderPyTorchNamesAndTheBatchCount(String format) throws IOException {
        Learner learner = trained();
        Path file = TorchWeights.save(learner, dir.resolve("w." + format));
        try (NDManager manager = Layerwise.engine().newBaseManager(); InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            list.forEach(a -> byName.put(a.getName(), a));
            List<String> expected = TorchNames.of(convNet()).entries().stream().map(TorchNames.Entry::torch).toList();
            if (format.equals("npz")) {
                assertEquals(expected, List.copyOf(byName.keySet()), "state_dict order");
            } else {
                assertEquals(Set.copyOf(expected), byName.keySet(), "a JSON header has no order");
            }
            assertArrayEquals(learner.parameter("conv2d_1.weight"), byName.get("0.weight").toFloatArray());
            assertEquals(new Shape(3, 1, 3, 3), byName.get("0.weight").getShape(), "[out, in, k, k]");
            assertArrayEquals(learner.parameter("batchnorm_2.runningVar"), byName.get("6.running_var").toFloatArray());
            assertEquals(new Shape(6, 12), byName.get("5.weight").getShape(), "[out, in]");
            NDArray count = byName.get("1.num_batches_tracked");
            assertEquals(DataType.INT64, count.getDataType());
            assertEquals(new Shape(), count.getShape(), "a scalar, as in PyTorch");
            assertEquals(learner.step(), count.getLong());
            byName.forEach((name, a) -> {
                if (!name.endsWith("num_batches_tracked")) {
                    assertEquals(DataType.FLOAT32, a.getDataType(), name);
                }
            });
        }
    }

    @Test
    void float64AndFloat16WeightsAreConvertedAndTheLoadSaysSo() throws IOException {
        Learner source = trained();
        Map<String, TorchTestFiles.Values> arrays = TorchTestFiles.arrays(source);
        arrays.replaceAll((name, v) -> v.as(name.startsWith("0.") ? DataType.FLOAT16 : DataType.FLOAT64));
        Path file = TorchTestFiles.write(dir.resolve("wide.safetensors"), arrays);
        Learner target = Learner.of(convNet(), images()).seed(5).quiet();

        TorchLoad loaded = TorchWeights.load(target, file);

        assertEquals(arrays.size(), loaded.converted().size(), "every array converted: " + loaded);
        assertEquals("F16", loaded.converted().get("0.weight"));
        assertEquals("F64", loaded.converted().get("8.bias"));
        assertTrue(loaded.toString().contains("2 from F16 (0.weight, 0.bias)"), loaded.toString());
        assertTrue(loaded.toString().contains("from F64"), loaded.toString());
        assertArrayEquals(source.parameter("dense_2.weight"), target.parameter("dense_2.weight"), 0f,
                "float32 values survive float64 exactly");
        assertArrayEquals(source.parameter("conv2d_1.weight"), target.parameter("conv2d_1.weight"), 1e-2f,
                "float16 keeps about three digits");
    }

    @Test
    void aLoadThatFailsChangesNoWeightEvenWhenMostArraysFit() throws IOException {
        Learner source = trained();
        Map<String, TorchTestFiles.Values> arrays = TorchTestFiles.arrays(source);
        TorchTestFiles.Values last = arrays.get("8.bias");
        float[] bad = last.values().clone();
        bad[bad.length - 1] = Float.NaN;
        arrays.put("8.bias", new TorchTestFiles.Values(last.shape(), bad, DataType.FLOAT32));
        Path file = TorchTestFiles.write(dir.resolve("nan.npz"), arrays);
        Learner target = Learner.of(convNet(), images()).seed(5).quiet();
        Map<String, float[]> before = target.parameters();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchWeights.load(target, file));

        assertTrue(e.getMessage().contains("8.bias") && e.getMessage().contains("dense_2.bias")
                && e.getMessage().contains("NaN"), e.getMessage());
        target.parameters().forEach((name, v) -> assertArrayEquals(before.get(name), v, 0f, name + " unchanged"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"safetensors", "npz"})
    void everyCutAndEveryFlippedByteIsRefusedWithAClearErrorOrLoadsWhole(String format) throws IOException {
        Learner learner = Learner.of(Net.input(4).dense(5).batchNorm().relu().dense(3),
                Datasets.blobs(60, 3, 4, 1.0, 1).batchSize(10)).seed(3).quiet();
        learner.fit(1);
        byte[] good = Files.readAllBytes(TorchWeights.save(learner, dir.resolve("good." + format)));
        Map<String, float[]> before = learner.parameters();
        Path file = dir.resolve("bad." + format);
        int refused = 0;
        for (int i = 0; i < 2 * good.length; i += i < good.length ? 1 : 2) {   // every cut, every other byte flipped
            byte[] bad = i < good.length ? java.util.Arrays.copyOf(good, i) : good.clone();
            if (i >= good.length) {
                bad[i - good.length] ^= (byte) 0x5A;
            }
            Files.write(file, bad);
            try {
                TorchWeights.load(learner, file);
            } catch (IOException | IllegalArgumentException e) {
                refused++;
                assertTrue(e.getMessage() != null && e.getMessage().contains("bad." + format), "names the file: " + e);
                learner.parameters().forEach((name, v) -> assertArrayEquals(before.get(name), v, 0f, name));
                continue;
            }
            assertTrue(i >= good.length, "a cut file (" + i + " of " + good.length + " bytes) is never loaded");
            before.forEach(learner::parameter);
        }
        assertTrue(refused > good.length, "every cut refused, and some flips: " + refused + " of " + 3 * good.length / 2);
    }

    @Test
    void aStateDictWithAPrefixIsRefusedWithTheWayToStripIt() throws IOException {
        Learner learner = trained();
        Map<String, TorchTestFiles.Values> prefixed = new LinkedHashMap<>();
        TorchTestFiles.arrays(learner).forEach((name, v) -> prefixed.put("model." + name, v));
        Path file = TorchTestFiles.write(dir.resolve("prefixed.safetensors"), prefixed);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchWeights.load(learner, file));

        assertTrue(e.getMessage().contains("start with 'model.'") && e.getMessage().contains("removeprefix"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nn.Conv2d(1, 3, 3, padding=1)"), "shows the expected model: " + e.getMessage());
    }

    @Test
    void aSaveThatIsRefusedLeavesAnExistingFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("kept.npz"), "old");
        Learner learner = trained();
        assertThrows(IllegalArgumentException.class, () -> TorchWeights.save(learner, dir.resolve("kept.pt")));
        TorchWeights.save(learner, file);
        assertTrue(Files.size(file) > 100, "a successful save replaces it");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void batchNormUpdatesItsRunningStatisticsAsPyTorchDoes() {
        // PyTorch: running = (1 - momentum) * running + momentum * batch statistic, the variance unbiased.
        float[] xs = {1, 2, 4, 8, 3, 5, 0, -2};
        Dataset data = Dataset.of(dev.layerwise.data.Examples.of("eight", xs, new int[] {1}, new int[8], 2))
                .batchSize(8).shuffle(false);
        Learner learner = Learner.of(Net.input(1).batchNorm().dense(2), data).quiet();
        learner.fit(1);
        double mean = 21 / 8.0;
        double unbiased = 0;
        for (float x : xs) {
            unbiased += (x - mean) * (x - mean) / 7;
        }
        assertEquals(0.1 * mean, learner.parameter("batchnorm_1.runningMean")[0], 1e-5, "momentum 0.1 from 0");
        assertEquals(0.9 + 0.1 * unbiased, learner.parameter("batchnorm_1.runningVar")[0], 1e-5, "from 1, unbiased");
    }
}
