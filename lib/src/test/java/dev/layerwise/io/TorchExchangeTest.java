package dev.layerwise.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Net;
import dev.layerwise.nn.Shortcut;
import dev.layerwise.nn.Shapes;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;
import dev.layerwise.train.Learner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Weights cross between Layerwise and PyTorch (Debian's python3-torch) both ways, in both formats:
 * the same test-set outputs within 1e-4, through {@code load_state_dict(strict=True)} into the
 * {@code nn.Sequential} that {@link TorchNames#python} writes (with its {@code Residual} class).
 * The Python side is {@code src/test/python/torch_exchange.py}. The nets between them use every
 * layer kind, residual blocks included, and every activation; all have batch norm, trained, so
 * running statistics cross too.
 */
@Tag("engine")
class TorchExchangeTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src", "test", "python", "torch_exchange.py");
    private static final double TOLERANCE = 1e-4;
    private static final int TEST_EXAMPLES = 200;

    @TempDir
    Path dir;

    private static NDManager manager;
    private static Dataset fashion;

    @BeforeAll
    static void requirePyTorch() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok, "Debian's python3-torch is not importable by " + PYTHON + " (" + out.trim() + "); install it"
                + " with apt-get install python3-torch python3-numpy libopenblas0-pthread (.ci/run does)");
        manager = Layerwise.engine().newBaseManager();
        fashion = Datasets.fashionMnist().subset(1000).testSubset(TEST_EXAMPLES).batchSize(50).seed(5);
    }

    @AfterAll
    static void freeArrays() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Every activation but ReLU (the conv net has it), dropout and 1-d batch norm. */
    static Net mlp() {
        return Net.input(784).dense(48).gelu().dropout(0.2).dense(32).batchNorm().leakyRelu(0.05).dense(32).elu(0.7)
                .dense(24).softplus().dense(16).tanh().dense(16).sigmoid().dense(10);
    }

    /** Convolutions with and without stride and padding, 2-d batch norm, both poolings, flatten. */
    static Net convNet() {
        return Net.input(1, 28, 28).conv2d(6, 5).batchNorm().relu().maxPool(2).conv2d(8, 3, 2, 1).batchNorm().relu()
                .avgPool(3, 2).flatten().dense(10);
    }

    /**
     * Residual blocks of every kind: conv with identity and with 1×1 conv + batch-norm projection
     * (resBlock), a plain 1×1 projection, global average pooling, dense with identity and with
     * dense + batch-norm projection.
     */
    static Net resNet() {
        return Net.input(1, 28, 28).conv2d(6, 3, 2, 1).batchNorm().relu().resBlock(6).resBlock(8, 2)
                .residual(b -> b.conv2d(8, 3, 1, 1).relu(), Shortcut.projection()).globalAvgPool()
                .residual(b -> b.dense(8).tanh().dense(8)).resBlock(12).dense(10);
    }

    @Test
    void aResNetTrainedHereGivesTheSamePredictionsInPyTorch() throws Exception {
        exportedHereLoadsInPyTorch(resNet(), fashion.images());
    }

    @Test
    void aResNetTrainedInPyTorchLoadsHereAndGivesTheSamePredictions() throws Exception {
        trainedInPyTorchLoadsHere(resNet(), fashion.images());
    }

    @Test
    void anMlpTrainedHereGivesTheSamePredictionsInPyTorchFromSafetensorsAndNpz() throws Exception {
        exportedHereLoadsInPyTorch(mlp(), fashion);
    }

    @Test
    void aConvNetWithBatchNormTrainedHereGivesTheSamePredictionsInPyTorch() throws Exception {
        exportedHereLoadsInPyTorch(convNet(), fashion.images());
    }

    @Test
    void anMlpTrainedInPyTorchLoadsHereAndGivesTheSamePredictions() throws Exception {
        trainedInPyTorchLoadsHere(mlp(), fashion);
    }

    @Test
    void aConvNetWithBatchNormTrainedInPyTorchLoadsHereAndGivesTheSamePredictions() throws Exception {
        trainedInPyTorchLoadsHere(convNet(), fashion.images());
    }

    private void exportedHereLoadsInPyTorch(Net net, Dataset data) throws Exception {
        Learner learner = Learner.of(net, data).seed(11).optimizer(Optimizers.momentum(0.05, 0.9)).quiet();
        learner.fit(1);
        assertBatchNormTrained(learner);
        TorchWeights.save(learner, dir.resolve("weights.safetensors"));
        TorchWeights.save(learner, dir.resolve("weights.npz"));
        NDArray x = testInputs(data);
        write(dir.resolve("inputs.npz"), named(x, "x"));
        Files.writeString(dir.resolve("model.py"), TorchNames.python(net));

        python("load");

        float[] here = learner.predict(x).toFloatArray();
        assertVaried(here);
        for (String format : List.of("safetensors", "npz")) {
            assertClose(here, read(dir.resolve("from_" + format + ".npy")),
                    "PyTorch's outputs with the weights from ." + format + " against Layerwise's");
        }
    }

    private void trainedInPyTorchLoadsHere(Net net, Dataset data) throws Exception {
        NDArray x = trainingInputs(data);
        NDArray y = manager.create(Arrays.stream(data.train().labels()).asLongStream().toArray());
        NDArray xTest = testInputs(data);
        write(dir.resolve("train.npz"), named(x, "x"), named(y, "y"), named(xTest, "x_test"));
        Files.writeString(dir.resolve("model.py"), TorchNames.python(net));

        python("train");

        float[] torch = read(dir.resolve("torch_predictions.npy"));
        assertVaried(torch);
        for (String file : List.of("torch.safetensors", "torch.npz", "torch64.npz")) {
            Learner learner = Learner.of(net, data).seed(99).quiet();
            float[] untrained = learner.predict(xTest).toFloatArray();
            TorchLoad loaded = TorchWeights.load(learner, dir.resolve(file));
            assertEquals(learner.parameters().keySet(), Set.copyOf(loaded.loaded()), file + ": every array");
            assertEquals(file.equals("torch64.npz"), !loaded.converted().isEmpty(), file + ": conversions reported: "
                    + loaded);
            assertTrue(Math.abs(untrained[0] - torch[0]) > TOLERANCE, "the fresh learner differed from PyTorch before");
            assertClose(learner.predict(xTest).toFloatArray(), torch, "Layerwise's outputs with PyTorch's weights from "
                    + file + " against PyTorch's");
        }
    }

    /** Outputs that differ between examples, so that matching them says something about every layer. */
    private static void assertVaried(float[] outputs) {
        int classes = outputs.length / TEST_EXAMPLES;
        double spread = 0;
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < TEST_EXAMPLES; i++) {
                double v = outputs[i * classes + c];
                sum += v;
                squares += v * v;
            }
            double mean = sum / TEST_EXAMPLES;
            spread += Math.sqrt(Math.max(0, squares / TEST_EXAMPLES - mean * mean)) / classes;
        }
        assertTrue(spread > 0.05, "outputs vary between examples (mean standard deviation " + spread + ")");
    }

    private static void assertBatchNormTrained(Learner learner) {
        float[] mean = learner.parameters().entrySet().stream().filter(e -> e.getKey().endsWith(".runningMean"))
                .findFirst().orElseThrow().getValue();
        assertTrue(Arrays.stream(toDoubles(mean)).anyMatch(v -> Math.abs(v) > 1e-3),
                "training moved the running mean, so the test checks that it crosses: " + Arrays.toString(mean));
    }

    private NDArray testInputs(Dataset data) {
        Examples test = data.testExamples();
        return manager.create(test.features(), new Shape(Shapes.batched(test.size(), Shapes.of(test.sampleShape()))));
    }

    private NDArray trainingInputs(Dataset data) {
        Examples train = data.train();
        return manager.create(train.features(), new Shape(Shapes.batched(train.size(), Shapes.of(train.sampleShape()))));
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    private static void write(Path file, NDArray... arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            new NDList(arrays).encode(out, NDList.Encoding.NPZ);
        }
    }

    private static float[] read(Path npy) throws IOException {
        try (InputStream in = Files.newInputStream(npy)) {
            return NDList.decode(manager, in).singletonOrThrow().toFloatArray();
        }
    }

    private void python(String mode) throws Exception {
        Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), mode, dir.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, p.exitValue(), "torch_exchange.py " + mode + " failed:\n" + out);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": output count");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= TOLERANCE, what + ": largest difference " + worst + " at output " + at + " ("
                + (at < 0 ? "" : expected[at] + " vs " + actual[at]) + "), allowed " + TOLERANCE);
    }

    private static double[] toDoubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
