package dev.layerwise.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each loss equals its formula computed by hand in double precision. */
@Tag("engine")
class LossValuesTest {
    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f, -0.3f, 0.8f, 1.7f};
    private static final int[] LABELS = {0, 2};

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    private static double compute(Loss loss, boolean fromLogits, float[] output) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = m.create(output, new Shape(2, 3));
            NDArray labels = m.create(new long[] {LABELS[0], LABELS[1]});
            Targets t = new FixedTargets(labels, labels.oneHot(3));
            return (fromLogits ? loss.computeFromLogits(out, t) : loss.compute(out, t)).getFloat();
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void softmaxCrossEntropyIsMeanNegativeLogProbabilityOfTheTarget() {
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(LOGITS[r * 3 + c]);
            }
            expected -= Math.log(Math.exp(LOGITS[r * 3 + LABELS[r]]) / sum);
        }
        assertEquals(expected / 2, compute(Loss.softmaxCrossEntropy(), false, LOGITS), 1e-6);
    }

    @Test
    void mseAveragesSquaredErrorOverEveryOutput() {
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double y = c == LABELS[r] ? 1 : 0;
                sum += Math.pow(LOGITS[r * 3 + c] - y, 2);
            }
        }
        assertEquals(sum / 6, compute(Loss.mse(), false, LOGITS), 1e-6);
    }

    private static double bceSum(boolean perOutputMean) {
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                double a = sigmoid(LOGITS[r * 3 + c]);
                double y = c == LABELS[r] ? 1 : 0;
                sum -= y * Math.log(a) + (1 - y) * Math.log(1 - a);
            }
        }
        return perOutputMean ? sum / 6 : sum / 2;
    }

    @Test
    void summedBinaryCrossEntropyIsNielsensCostFromLogitsAndFromProbabilities() {
        float[] probabilities = new float[6];
        for (int i = 0; i < 6; i++) {
            probabilities[i] = (float) sigmoid(LOGITS[i]);
        }
        assertEquals(bceSum(false), compute(Loss.summedBinaryCrossEntropy(), true, LOGITS), 1e-5);
        assertEquals(bceSum(false), compute(Loss.summedBinaryCrossEntropy(), false, probabilities), 1e-5);
    }

    @Test
    void binaryCrossEntropyAveragesOverEveryOutput() {
        assertEquals(bceSum(true), compute(Loss.binaryCrossEntropy(), true, LOGITS), 1e-5);
    }

    @Test
    void binaryCrossEntropyFromLogitsStaysFiniteWhereTheSigmoidSaturates() {
        float[] extreme = {40f, -40f, 0f, -40f, 0f, 40f};
        double value = compute(Loss.summedBinaryCrossEntropy(), true, extreme);
        // each row: the confident outputs are right and cost ~0, the z=0 output costs ln 2
        assertEquals(2 * Math.log(2) / 2, value, 1e-4);
    }
}
