package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.layerwise.pretrain.MaskingNoise;
import dev.layerwise.pretrain.TiedAutoencoder;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every layer the {@link Net} builder offers, on a tiny batch: the engine's output has the shape the
 * net declares and its summary shows, and libtorch's gradients with respect to the input and to each
 * trainable parameter equal central finite differences. Dropout's randomness and batch norm's
 * running statistics have their own checks below.
 *
 * <p>Everything runs in float64, which every layer here accepts: central differences then agree
 * with autograd to about 1e-10, so a tolerance of 1e-7 leaves room for rounding but none for a
 * wrong derivative.
 */
@Tag("engine")
class LayerContractTest {
    private static final double STEP = 1e-5;
    private static final double TOLERANCE = 1e-7;

    /** One layer on one input shape; the label names the builder call and the mode. */
    record Case(String label, Net net, int batch, boolean training) {
        Layer layer() {
            return net.layers().get(0);
        }

        @Override
        public String toString() {
            return label + " on " + Shapes.format(net.inputShape()) + (training ? ", training" : ", evaluation");
        }
    }

    private static Case training(String label, Net net, int batch) {
        return new Case(label, net, batch, true);
    }

    static Stream<Case> layers() {
        return Stream.of(
                training("dense(3)", Net.input(4).dense(3), 2),
                training("conv2d(3, 3)", Net.input(2, 5, 5).conv2d(3, 3), 2),
                training("conv2d(2, 3, stride 2, padding 1)", Net.input(2, 5, 5).conv2d(2, 3, 2, 1), 2),
                training("maxPool(2)", Net.input(2, 4, 4).maxPool(2), 2),
                training("maxPool(3, stride 2), overlapping", Net.input(1, 5, 5).maxPool(3, 2), 2),
                training("avgPool(2)", Net.input(2, 4, 4).avgPool(2), 2),
                training("avgPool(3, stride 2), overlapping", Net.input(1, 5, 5).avgPool(3, 2), 2),
                training("flatten()", Net.input(2, 3, 3).flatten(), 2),
                // random while training, so its gradient is checked at evaluation; training has its own tests
                new Case("dropout(0.5)", Net.input(6).dropout(0.5), 2, false),
                training("batchNorm() over features", Net.input(3).batchNorm(), 4),
                training("batchNorm() over channels", Net.input(2, 3, 3).batchNorm(), 3),
                new Case("batchNorm() over features", Net.input(3).batchNorm(), 4, false),
                new Case("batchNorm() over channels", Net.input(2, 3, 3).batchNorm(), 3, false),
                training("sigmoid()", Net.input(6).sigmoid(), 2),
                training("tanh()", Net.input(6).tanh(), 2),
                training("relu()", Net.input(6).relu(), 2),
                training("leakyRelu(0.2)", Net.input(6).leakyRelu(0.2), 2),
                training("elu(0.7)", Net.input(6).elu(0.7), 2),
                training("gelu()", Net.input(6).gelu(), 2),
                training("softplus()", Net.input(2, 3).softplus(), 2),
                training("globalAvgPool()", Net.input(3, 4, 5).globalAvgPool(), 2),
                // residual blocks: the sum, the identity and projected shortcuts, batch norm inside, strides
                training("residual(dense-relu-dense), identity", Net.input(4).residual(b -> b.dense(5).relu().dense(4)),
                        3),
                training("residual(dense-tanh-dense), projection", Net.input(4).residual(b -> b.dense(3).tanh()
                        .dense(3), Shortcut.projection()), 3),
                training("residual(conv-BN-relu-conv-BN), identity", Net.input(2, 4, 4).residual(b -> b
                        .conv2d(2, 3, 1, 1).batchNorm().relu().conv2d(2, 3, 1, 1).batchNorm()), 2),
                new Case("residual(conv-BN-relu-conv-BN), identity", Net.input(2, 4, 4).residual(b -> b
                        .conv2d(2, 3, 1, 1).batchNorm().relu().conv2d(2, 3, 1, 1).batchNorm()), 2, false),
                training("residual(conv stride 2), 1×1 projection", Net.input(2, 5, 5).residual(b -> b
                        .conv2d(3, 3, 2, 1).relu().conv2d(3, 3, 1, 1), Shortcut.projection()), 2),
                training("resBlock(3, 2): projection with batch norm", Net.input(2, 5, 5).resBlock(3, 2), 2),
                training("resBlock(4) on vectors", Net.input(4).resBlock(4), 3),
                // the denoising autoencoders' layers; masking is random while training, so it is checked at
                // evaluation here and its masks in AutoencoderRecipeTest
                new Case("MaskingNoise(0.25)", Net.input(6).add(new MaskingNoise(null, 0.25)), 2, false),
                training("TiedAutoencoder(3 sigmoid codes)", Net.input(5).add(new TiedAutoencoder(null, 3,
                        new Activation(null, Activation.Function.SIGMOID, 0))), 2));
    }

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    @Test
    void everyLayerClassAndEveryActivationFunctionHasACase() {
        // a new Layer in main code fails here until it gets a case above
        Set<String> implementations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.layerwise").stream()
                .filter(c -> c.isAssignableTo(Layer.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = layers().map(c -> c.layer().getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(implementations, covered, "layer classes in main code vs layer classes with a case");
        Set<Activation.Function> functions = layers().map(Case::layer).filter(l -> l instanceof Activation)
                .map(l -> ((Activation) l).function())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Activation.Function.class)));
        assertEquals(EnumSet.allOf(Activation.Function.class), functions, "activation functions with a case");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void outputHasTheShapeTheNetDeclaresAndItsSummaryShows(Case c) {
        long[] declared = c.net().outputShapeOf(0);
        String summaryShape = c.net().summary().rows().get(0)[1];
        assertEquals(Shapes.format(declared), summaryShape, "the summary's output shape is the declared one");
        try (NDManager m = NDManager.newBaseManager()) {
            Arrays64 a = Arrays64.random(c, 11);
            long[] got = forward(c, a, m, Map.of()).getShape().getShape();
            assertArrayEquals(Shapes.batched(c.batch(), declared), got,
                    c + ": engine output " + Arrays.toString(got) + ", declared " + summaryShape);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsOfInputAndParametersMatchFiniteDifferences(Case c) {
        Arrays64 a = Arrays64.random(c, 7);
        Map<String, double[]> autograd = autogradOf(c, a);
        for (Map.Entry<String, double[]> e : autograd.entrySet()) {
            double[] auto = e.getValue();
            double[] numeric = finiteDifferences(c, a, e.getKey());
            for (int i = 0; i < auto.length; i++) {
                double err = Math.abs(auto[i] - numeric[i]);
                assertTrue(err <= TOLERANCE * (1 + Math.abs(numeric[i])), String.format(Locale.ROOT,
                        "%s: d/d %s[%d]: autograd %.12g, finite differences %.12g", c, e.getKey(), i, auto[i],
                        numeric[i]));
            }
        }
    }

    @Test
    void dropoutIsTheIdentityAtEvaluation() {
        Layer dropout = Net.input(5).dropout(0.5).layers().get(0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {0.3, -1.2, 2.5, 0.7, -0.4, 1.1, -2.0, 0.05, 0.9, -0.6}, new Shape(2, 5));
            assertArrayEquals(x.toDoubleArray(), dropout.forward(x, LayerParams.NONE, false).toDoubleArray(), 0.0);
        }
    }

    @Test
    void dropoutWhileTrainingZeroesAboutRateOfTheValuesAndScalesTheRestByOneOverOneMinusRate() {
        double rate = 0.3;
        Layer dropout = Net.input(100).dropout(rate).layers().get(0);
        Layerwise.seed(5); // torch's generator draws the mask
        try (NDManager m = NDManager.newBaseManager()) {
            double[] x = new double[100 * 100];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1 + i % 7; // no zeros, so a zero output means dropped
            }
            double[] y = dropout.forward(m.create(x, new Shape(100, 100)), LayerParams.NONE, true).toDoubleArray();
            int dropped = 0;
            for (int i = 0; i < x.length; i++) {
                if (y[i] == 0) {
                    dropped++;
                } else {
                    // the layer hands the rate to torch as a float, so the scale is exact to float precision
                    assertEquals(x[i] / (1 - rate), y[i], 1e-6, "kept value " + i + " is scaled by 1/(1 - rate)");
                }
            }
            // binomial(10000, 0.3): standard deviation 0.0046, so ±0.03 is over six of them
            assertEquals(rate, dropped / (double) x.length, 0.03, "fraction dropped");
        }
    }

    @Test
    void dropoutGradientWhileTrainingFollowsTheMaskOfTheSamePass() {
        double rate = 0.5;
        Layer dropout = Net.input(8).dropout(rate).layers().get(0);
        Layerwise.seed(6);
        try (NDManager m = NDManager.newBaseManager()) {
            double[] xs = {0.5, 1.5, -0.7, 2.0, -1.1, 0.3, 0.9, -2.2};
            NDArray x = m.create(xs, new Shape(1, 8));
            x.setRequiresGradient(true);
            double[] y;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = dropout.forward(x, LayerParams.NONE, true);
                y = out.toDoubleArray();
                gc.backward(out.sum());
            }
            double[] g = x.getGradient().toDoubleArray();
            for (int i = 0; i < xs.length; i++) {
                double expected = y[i] == 0 ? 0 : 1 / (1 - rate);
                assertEquals(expected, g[i], 1e-12, "d out / d x[" + i + "] with output " + y[i]);
            }
        }
    }

    @Test
    void batchNormTrainingMovesTheRunningStatisticsByMomentumTowardTheBatchStatistics() {
        // PyTorch's convention: running = (1 - momentum) · running + momentum · batch statistic,
        // with the unbiased (n - 1) variance; momentum reaches torch as a float, hence the 1e-6
        Net net = Net.input(2).batchNorm();
        Layer bn = net.layers().get(0);
        double momentum = ((BatchNorm) bn).momentum();
        double[][] x = {{1.0, -2.0}, {3.0, 0.5}, {2.0, 4.0}, {-1.0, 1.5}};
        double[] mean0 = {0.2, -0.1};
        double[] var0 = {1.5, 0.8};
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> p = new LinkedHashMap<>();
            p.put("gamma", m.create(new double[] {1, 1}));
            p.put("beta", m.create(new double[] {0, 0}));
            p.put("runningMean", m.create(mean0.clone()));
            p.put("runningVar", m.create(var0.clone()));
            double[] flat = Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray();
            bn.forward(m.create(flat, new Shape(4, 2)), p::get, true);
            for (int j = 0; j < 2; j++) {
                double mean = 0;
                for (double[] row : x) {
                    mean += row[j] / x.length;
                }
                double ss = 0;
                for (double[] row : x) {
                    ss += (row[j] - mean) * (row[j] - mean);
                }
                double unbiased = ss / (x.length - 1);
                assertEquals((1 - momentum) * mean0[j] + momentum * mean, p.get("runningMean").toDoubleArray()[j],
                        1e-6, "running mean of feature " + j);
                assertEquals((1 - momentum) * var0[j] + momentum * unbiased, p.get("runningVar").toDoubleArray()[j],
                        1e-6, "running variance of feature " + j);
            }
        }
    }

    private static Set<String> trainableNames(Case c) {
        return c.net().parametersOf(0).stream().filter(p -> p.role().trainable()).map(p -> shortName(p.name()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The name within the layer, as it asks for it: {@code weight}, or {@code conv2d_1.weight} in a block. */
    private static String shortName(String qualified) {
        return qualified.substring(qualified.indexOf('.') + 1);
    }

    /**
     * The values of one case in double precision: the input, the layer's arrays by short name, and
     * the fixed weights r of the scalar f = Σ r ⊙ output whose gradients are compared.
     */
    record Arrays64(double[] input, Map<String, double[]> params, double[] r) {
        static Arrays64 random(Case c, long seed) {
            Random rnd = new Random(seed);
            int n = (int) (c.batch() * Shapes.size(c.net().inputShape()));
            // an evenly spaced grid in [-2, 2], shuffled: no ties (max pooling) and no zeros (the kinks of
            // ReLU and leaky ReLU), each value at least 2/n away from both, far more than the step
            List<Double> grid = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                grid.add(-2 + 4 * (i + 0.5) / n);
            }
            Collections.shuffle(grid, rnd);
            double[] input = grid.stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, double[]> params = new LinkedHashMap<>();
            for (ParamSpec p : c.net().parametersOf(0)) {
                double[] v = new double[(int) p.size()];
                for (int i = 0; i < v.length; i++) {
                    // a variance must be positive; everything else may take either sign
                    v[i] = p.role() == ParamSpec.Role.RUNNING_VAR ? 0.5 + rnd.nextDouble() : 2 * rnd.nextDouble() - 1;
                }
                params.put(shortName(p.name()), v);
            }
            double[] r = new double[(int) (c.batch() * Shapes.size(c.net().outputShapeOf(0)))];
            for (int i = 0; i < r.length; i++) {
                r[i] = 2 * rnd.nextDouble() - 1;
            }
            return new Arrays64(input, params, r);
        }

        double[] get(String name) {
            return name.equals("input") ? input : params.get(name);
        }

        /** A copy with one value of one array moved by delta. */
        Arrays64 nudged(String name, int index, double delta) {
            double[] in = input.clone();
            Map<String, double[]> ps = new LinkedHashMap<>();
            params.forEach((k, v) -> ps.put(k, v.clone()));
            (name.equals("input") ? in : ps.get(name))[index] += delta;
            return new Arrays64(in, ps, r);
        }
    }

    /** Runs the layer on a's values; arrays named in tracked come from there (so autograd can see them). */
    private static NDArray forward(Case c, Arrays64 a, NDManager m, Map<String, NDArray> tracked) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, long[]> shapes = c.net().parametersOf(0).stream()
                .collect(Collectors.toMap(p -> shortName(p.name()), ParamSpec::shape));
        for (Map.Entry<String, double[]> e : a.params().entrySet()) {
            arrays.put(e.getKey(), tracked.containsKey(e.getKey()) ? tracked.get(e.getKey())
                    : m.create(e.getValue(), new Shape(shapes.get(e.getKey()))));
        }
        NDArray x = tracked.containsKey("input") ? tracked.get("input")
                : m.create(a.input(), new Shape(Shapes.batched(c.batch(), c.net().inputShape())));
        NDArray out = c.layer().forward(x, arrays::get, c.training());
        assertEquals(DataType.FLOAT64, out.getDataType(), c + " keeps float64");
        return out;
    }

    private static NDArray objective(NDArray out, Arrays64 a, NDManager m) {
        return out.mul(m.create(a.r(), out.getShape())).sum();
    }

    /** Libtorch's gradient of f with respect to the input and each trainable parameter. */
    private static Map<String, double[]> autogradOf(Case c, Arrays64 a) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tracked = new LinkedHashMap<>();
            Function<String, long[]> shapeOf = name -> name.equals("input")
                    ? Shapes.batched(c.batch(), c.net().inputShape())
                    : c.net().parametersOf(0).stream().filter(p -> shortName(p.name()).equals(name)).findFirst()
                            .orElseThrow().shape();
            List<String> names = new ArrayList<>(trainableNames(c));
            names.add("input");
            for (String name : names) {
                NDArray array = m.create(a.get(name), new Shape(shapeOf.apply(name)));
                array.setRequiresGradient(true);
                tracked.put(name, array);
            }
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(objective(forward(c, a, m, tracked), a, m));
            }
            Map<String, double[]> grads = new LinkedHashMap<>();
            tracked.forEach((name, array) -> grads.put(name, array.getGradient().toDoubleArray()));
            return grads;
        }
    }

    /** (f(v + h) − f(v − h)) / 2h for every value of one array. */
    private static double[] finiteDifferences(Case c, Arrays64 a, String name) {
        double[] g = new double[a.get(name).length];
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < g.length; i++) {
                try (NDManager sub = m.newSubManager()) {
                    double plus = objective(forward(c, a.nudged(name, i, STEP), sub, Map.of()), a, sub).getDouble();
                    double minus = objective(forward(c, a.nudged(name, i, -STEP), sub, Map.of()), a, sub).getDouble();
                    g[i] = (plus - minus) / (2 * STEP);
                }
            }
        }
        return g;
    }
}
