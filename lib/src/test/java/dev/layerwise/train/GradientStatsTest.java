package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recorder's one-pass gradient statistics (norm, mean |g|, std, max |g|) over a slice of a flat
 * array, against a plain double-precision computation, and max |g| with the values a diverging
 * net produces: infinities of both signs, NaN, negative zero.
 */
@Tag("unit")
class GradientStatsTest {
    private static double[] reference(float[] g, int from, int n) {
        double sum = 0, sumAbs = 0, sumSq = 0, max = 0;
        for (int i = from; i < from + n; i++) {
            sum += g[i];
            sumAbs += Math.abs(g[i]);
            sumSq += (double) g[i] * g[i];
            max = Math.max(max, Math.abs(g[i]));
        }
        double mean = sum / n;
        return new double[] {Math.sqrt(sumSq), sumAbs / n, Math.sqrt(Math.max(0, sumSq / n - mean * mean)), max};
    }

    @Test
    void statisticsOfASliceMatchAPlainComputation() {
        java.util.Random r = new java.util.Random(3);
        float[] g = new float[3000];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (r.nextGaussian() * 0.01);
        }
        g[1700] = -0.5f; // the largest magnitude, negative, inside the slice
        double[] got = GradientRecorder.gradientStats(g, 1000, 1303); // crosses a block boundary, odd length
        double[] want = reference(g, 1000, 1303);
        for (int k = 0; k < 4; k++) {
            assertEquals(want[k], got[k], 1e-6 * Math.abs(want[k]), "statistic " + k);
        }
        assertEquals(0.5, got[3], 0.0);
    }

    @Test
    void maxAbsFollowsInfinitiesNaNAndNegativeZero() {
        assertEquals(Double.POSITIVE_INFINITY,
                GradientRecorder.gradientStats(new float[] {1, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2, 3}, 0, 5)[3]);
        assertTrue(Double.isNaN(GradientRecorder.gradientStats(new float[] {1, 2, Float.NaN, 3, 4, 5}, 0, 6)[3]));
        assertTrue(Double.isNaN(GradientRecorder.gradientStats(new float[] {Float.NaN}, 0, 1)[3]));
        assertEquals(0.0, GradientRecorder.gradientStats(new float[] {-0f, 0f, -0f, -0f, -0f}, 0, 5)[3]);
    }
}
