package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;

/** Each initializer's draws match its distribution on a 1000×1000 layer (mean and std within 5%). */
@Tag("unit")
class InitStatisticsTest {
    private static final int N = 1000;
    private static final ParamSpec WEIGHT =
            new ParamSpec("dense_1.weight", new long[] {N, N}, ParamSpec.Role.WEIGHT, N, N, null);

    private static double[] meanStd(Init init, ParamSpec spec) {
        float[] v = new float[(int) spec.size()];
        init.fill(v, spec, new Random(7));
        double sum = 0;
        for (float f : v) {
            sum += f;
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float f : v) {
            sq += (f - mean) * (f - mean);
        }
        return new double[] {mean, Math.sqrt(sq / v.length)};
    }

    /** Mean within 5% of the std (a relative test is meaningless at mean 0), std within 5%. */
    private static void assertDistribution(Init init, double mean, double std) {
        double[] ms = meanStd(init, WEIGHT);
        assertEquals(mean, ms[0], 0.05 * Math.max(std, Math.abs(mean)), init + " mean");
        assertEquals(std, ms[1], 0.05 * std, init + " std");
    }

    @Test
    void normalHasTheGivenMeanAndStd() {
        assertDistribution(Init.normal(0, 1), 0, 1);
        assertDistribution(Init.normal(0.5, 2), 0.5, 2);
    }

    @Test
    void uniformHasTheMeanAndStdOfItsInterval() {
        assertDistribution(Init.uniform(-1, 3), 1, 4 / Math.sqrt(12));
    }

    @Test
    void xavierScalesByFanInPlusFanOut() {
        double bound = Math.sqrt(6.0 / (N + N));
        assertDistribution(Init.xavier(), 0, bound / Math.sqrt(3));
        assertDistribution(Init.xavierNormal(), 0, Math.sqrt(2.0 / (N + N)));
    }

    @Test
    void heScalesByTwoOverFanIn() {
        assertDistribution(Init.he(), 0, Math.sqrt(2.0 / N));
        assertDistribution(Init.heUniform(), 0, Math.sqrt(6.0 / N) / Math.sqrt(3));
    }

    @Test
    void lecunIsOneOverFanIn() {
        assertDistribution(Init.lecun(), 0, Math.sqrt(1.0 / N));
    }

    @Test
    void glorotStandardIsUniformWithinOneOverTheRootOfFanIn() {
        // fan-in 784 and fan-out 100, as in the first layer of a Fashion-MNIST net: the bound follows fan-in only
        ParamSpec first = new ParamSpec("dense_1.weight", new long[] {100, 784}, ParamSpec.Role.WEIGHT, 784, 100, null);
        float[] v = new float[100 * 784];
        Init.glorotStandard().fill(v, first, new Random(11));
        double bound = 1 / Math.sqrt(784);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        assertTrue(lo >= -bound && hi <= bound, "every draw within ±1/√784 = ±" + bound + ": " + lo + " … " + hi);
        assertTrue(lo < -0.99 * bound && hi > 0.99 * bound, "the draws fill the interval: " + lo + " … " + hi);
        assertDistribution(Init.glorotStandard(), 0, 1 / Math.sqrt(N) / Math.sqrt(3));
        assertEquals("glorotStandard", Init.glorotStandard().toString());
    }

    @Test
    void constantsFillEveryValue() {
        double[] zeros = meanStd(Init.zeros(), WEIGHT);
        assertEquals(0, zeros[0]);
        assertEquals(0, zeros[1]);
        double[] c = meanStd(Init.constant(0.25), WEIGHT);
        assertEquals(0.25, c[0], 1e-6);
        assertEquals(0, c[1], 1e-6);
    }

    @Test
    void sparseGivesEachUnitExactlyKNonzeroStandardNormalInputs() {
        float[] v = new float[N * N];
        Init.sparse(15).fill(v, WEIGHT, new Random(3));
        double sum = 0;
        double sq = 0;
        for (int unit = 0; unit < N; unit++) {
            int nonzero = 0;
            for (int i = 0; i < N; i++) {
                float w = v[unit * N + i];
                if (w != 0) {
                    nonzero++;
                    sum += w;
                    sq += w * w;
                }
            }
            assertEquals(15, nonzero, "unit " + unit);
        }
        double mean = sum / (15.0 * N);
        assertEquals(0, mean, 0.05);
        assertEquals(1, Math.sqrt(sq / (15.0 * N) - mean * mean), 0.05);
    }

    @Test
    void sparseRejectsMoreInputsThanTheLayerHas() {
        ParamSpec small = new ParamSpec("dense_2.weight", new long[] {10, 10}, ParamSpec.Role.WEIGHT, 10, 10, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.sparse(15).fill(new float[100], small, new Random(1)));
        assertTrue(e.getMessage().contains("dense_2.weight has 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.sparse(0));
    }

    @Test
    void sameSeedGivesSameDraws() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        ParamSpec s = new ParamSpec("w", new long[] {10, 100}, ParamSpec.Role.WEIGHT, 100, 10, null);
        Init.he().fill(a, s, new Random(5));
        Init.he().fill(b, s, new Random(5));
        assertTrue(java.util.Arrays.equals(a, b));
    }
}
