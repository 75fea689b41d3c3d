package dev.layerwise.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every loss {@link Loss} offers, on one hand-written batch of two examples and three classes: its
 * value equals the formula worked out below in plain Java doubles, from the net's output and, for
 * the losses that fuse a final sigmoid, from the logits; and libtorch's gradient of the loss with
 * respect to what it was given equals central finite differences.
 *
 * <p>The arrays are float64 (the training loop uses float32), so the checks can be tight enough
 * that only a wrong formula or derivative fails them.
 */
@Tag("engine")
class LossContractTest {
    private static final int CLASSES = 3;
    /** Class of example 0 and example 1. */
    private static final int[] LABELS = {0, 2};
    /** One-hot form of LABELS, the y in the formulas. */
    private static final double[][] Y = {{1, 0, 0}, {0, 0, 1}};
    /** What a final dense layer might give: any real numbers. */
    private static final double[][] LOGITS = {{2.0, -1.0, 0.5}, {-0.3, 0.8, 1.7}};
    /** What a final sigmoid might give: each in (0, 1), rows need not sum to 1. */
    private static final double[][] PROBABILITIES = {{0.7, 0.2, 0.4}, {0.1, 0.6, 0.8}};
    private static final double STEP = 1e-5;

    /** The loss of a batch computed by hand, from the outputs a and the one-hot targets y. */
    interface ByHand {
        double of(double[][] a, double[][] y);
    }

    /** softmax cross-entropy: mean over examples of −ln softmax(z)[label] = ln Σⱼ e^zⱼ − z_label. */
    static double softmaxCrossEntropyByHand(double[][] z, double[][] y) {
        double total = 0;
        for (int n = 0; n < z.length; n++) {
            double sumExp = 0;
            double zLabel = 0;
            for (int j = 0; j < z[n].length; j++) {
                sumExp += Math.exp(z[n][j]);
                zLabel += y[n][j] * z[n][j]; // picks the target's logit
            }
            total += Math.log(sumExp) - zLabel;
        }
        return total / z.length;
    }

    /** mean squared error: Σ (a − y)² over every output, divided by examples × classes. */
    static double mseByHand(double[][] a, double[][] y) {
        double total = 0;
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[n].length; j++) {
                total += (a[n][j] - y[n][j]) * (a[n][j] - y[n][j]);
            }
        }
        return total / (a.length * a[0].length);
    }

    /** −Σ [y ln a + (1 − y) ln(1 − a)] over every output, not yet divided. */
    static double crossEntropySum(double[][] a, double[][] y) {
        double total = 0;
        for (int n = 0; n < a.length; n++) {
            for (int j = 0; j < a[n].length; j++) {
                total -= y[n][j] * Math.log(a[n][j]) + (1 - y[n][j]) * Math.log(1 - a[n][j]);
            }
        }
        return total;
    }

    /** binary cross-entropy: averaged over every output, examples × classes. */
    static double binaryCrossEntropyByHand(double[][] a, double[][] y) {
        return crossEntropySum(a, y) / (a.length * a[0].length);
    }

    /** Nielsen's form: summed over the outputs, averaged over the examples. */
    static double summedBinaryCrossEntropyByHand(double[][] a, double[][] y) {
        return crossEntropySum(a, y) / a.length;
    }

    /**
     * One loss: the static factory on {@link Loss} that makes it, the output it is given, and its
     * hand computation.
     */
    record Case(String factory, Supplier<Loss> make, double[][] output, ByHand byHand) {
        @Override
        public String toString() {
            return factory + "()";
        }
    }

    static Stream<Case> losses() {
        return Stream.of(
                new Case("softmaxCrossEntropy", Loss::softmaxCrossEntropy, LOGITS,
                        LossContractTest::softmaxCrossEntropyByHand),
                new Case("mse", Loss::mse, PROBABILITIES, LossContractTest::mseByHand),
                new Case("binaryCrossEntropy", Loss::binaryCrossEntropy, PROBABILITIES,
                        LossContractTest::binaryCrossEntropyByHand),
                new Case("summedBinaryCrossEntropy", Loss::summedBinaryCrossEntropy, PROBABILITIES,
                        LossContractTest::summedBinaryCrossEntropyByHand));
    }

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    @Test
    void everyLossFactoryAndEveryLossClassHasACase() {
        Set<String> factories = Arrays.stream(Loss.class.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == Loss.class && m.getParameterCount() == 0) // named(String) looks up
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(factories, losses().map(Case::factory).collect(Collectors.toCollection(TreeSet::new)),
                "factories on Loss vs losses with a case");
        Set<String> classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.layerwise").stream()
                .filter(c -> c.isAssignableTo(Loss.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(classes, losses().map(c -> c.make().get().getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new)), "loss classes in main code vs classes with a case");
    }

    @Test
    void everyLossComesBackByItsName() {
        losses().forEach(c -> {
            Loss loss = c.make().get();
            assertEquals(loss.getClass(), Loss.named(loss.name()).getClass(), loss.name());
            assertEquals(loss.name(), Loss.named(loss.name()).name());
        });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Loss.named("hinge")).getMessage()
                .contains("Unknown loss 'hinge'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void valueEqualsTheHandComputation(Case c) {
        double expected = c.byHand().of(c.output(), Y);
        assertEquals(expected, value(c.make().get(), c.output(), false), 1e-12 * Math.max(1, expected), c.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void fromLogitsEqualsTheHandComputationOnTheSigmoidOfTheLogitsWhereTheLossFusesOne(Case c) {
        Loss loss = c.make().get();
        if (!loss.fusesFinalSigmoid()) {
            assertThrows(UnsupportedOperationException.class, () -> value(loss, LOGITS, true),
                    c + " does not take logits, and says so rather than computing something else");
            return;
        }
        double[][] sigmoid = new double[LOGITS.length][CLASSES];
        for (int n = 0; n < LOGITS.length; n++) {
            for (int j = 0; j < CLASSES; j++) {
                sigmoid[n][j] = 1 / (1 + Math.exp(-LOGITS[n][j]));
            }
        }
        double expected = c.byHand().of(sigmoid, Y);
        assertEquals(expected, value(loss, LOGITS, true), 1e-12 * Math.max(1, expected), c + " from logits");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void gradientWithRespectToItsInputMatchesFiniteDifferences(Case c) {
        Loss loss = c.make().get();
        assertGradientMatches(loss, c.output(), false, c.toString());
        if (loss.fusesFinalSigmoid()) {
            assertGradientMatches(loss, LOGITS, true, c + " from logits");
        }
    }

    private static void assertGradientMatches(Loss loss, double[][] input, boolean fromLogits, String what) {
        double[] auto = autograd(loss, input, fromLogits);
        for (int n = 0; n < input.length; n++) {
            for (int j = 0; j < CLASSES; j++) {
                double[][] plus = copy(input);
                double[][] minus = copy(input);
                plus[n][j] += STEP;
                minus[n][j] -= STEP;
                double numeric = (value(loss, plus, fromLogits) - value(loss, minus, fromLogits)) / (2 * STEP);
                double got = auto[n * CLASSES + j];
                // float64 central differences agree with the exact derivative to about 1e-10 here
                assertTrue(Math.abs(got - numeric) <= 1e-7 * (1 + Math.abs(numeric)), String.format(Locale.ROOT,
                        "%s: d loss / d [%d][%d]: autograd %.12g, finite differences %.12g", what, n, j, got, numeric));
            }
        }
    }

    private static double[][] copy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    private static double[] flat(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double value(Loss loss, double[][] input, boolean fromLogits) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat(input), new Shape(input.length, CLASSES));
            NDArray l = fromLogits ? loss.computeFromLogits(x, targets(m)) : loss.compute(x, targets(m));
            assertEquals(DataType.FLOAT64, l.getDataType(), loss + " keeps float64");
            assertEquals(new Shape(), l.getShape(), loss + " is a scalar");
            return l.getDouble();
        }
    }

    private static double[] autograd(Loss loss, double[][] input, boolean fromLogits) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(flat(input), new Shape(input.length, CLASSES));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(fromLogits ? loss.computeFromLogits(x, targets(m)) : loss.compute(x, targets(m)));
            }
            return x.getGradient().toDoubleArray();
        }
    }

    /** LABELS in every form a loss may ask for; dense targets in float64 to match the outputs. */
    private static Targets targets(NDManager m) {
        NDArray labels = m.create(Arrays.stream(LABELS).asLongStream().toArray());
        NDArray oneHot = m.create(flat(Y), new Shape(LABELS.length, CLASSES));
        return new FixedTargets(labels, oneHot);
    }
}
