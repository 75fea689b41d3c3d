package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyntheticDatasetsTest {
    private static int[] totalCounts(Dataset d) {
        int[] train = d.train().classCounts();
        int[] test = d.testExamples().classCounts();
        int[] all = new int[train.length];
        for (int c = 0; c < all.length; c++) {
            all[c] = train[c] + test[c];
        }
        return all;
    }

    @Test
    void twoMoonsHasTwoFeaturesTwoBalancedClassesAndTwentyPercentTest() {
        Dataset d = Datasets.twoMoons(1_000, 0.1, 7);
        assertEquals(800, d.size());
        assertEquals(200, d.testExamples().size());
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertEquals(2, d.numClasses());
        assertArrayEquals(new int[] {500, 500}, totalCounts(d));
        assertEquals(7, d.seed());
        assertEquals("Dataset two-moons: 800 train × [2] → 2 classes, test 200, batch 32, shuffle seed 7",
                d.toString());
    }

    @Test
    void twoMoonsLieOnTheirHalfCirclesWithoutNoise() {
        Examples ex = Datasets.twoMoons(100, 0.0, 1).train();
        for (int i = 0; i < ex.size(); i++) {
            float[] p = ex.features(i);
            double r = ex.label(i) == 0 ? Math.hypot(p[0], p[1]) : Math.hypot(p[0] - 1, p[1] - 0.5);
            assertEquals(1.0, r, 1e-5);
        }
    }

    @Test
    void sameSeedSamePointsOtherSeedOtherPoints() {
        assertArrayEquals(Datasets.spirals(300, 3, 0.05, 3).train().features(),
                Datasets.spirals(300, 3, 0.05, 3).train().features());
        assertFalse(Arrays.equals(Datasets.spirals(300, 3, 0.05, 3).train().features(),
                Datasets.spirals(300, 3, 0.05, 4).train().features()));
        assertArrayEquals(Datasets.blobs(100, 4, 5, 1.0, 9).testExamples().labels(),
                Datasets.blobs(100, 4, 5, 1.0, 9).testExamples().labels());
    }

    @Test
    void spiralsHaveOneBalancedArmPerClassInsideTheUnitDisk() {
        Dataset d = Datasets.spirals(600, 3, 0.0, 2);
        assertArrayEquals(new int[] {200, 200, 200}, totalCounts(d));
        for (float v : d.train().features()) {
            assertTrue(Math.abs(v) <= 1.0f);
        }
    }

    @Test
    void blobsClusterAroundOneCenterPerClass() {
        Dataset d = Datasets.blobs(500, 5, 3, 0.5, 11);
        assertArrayEquals(new int[] {3}, d.sampleShape());
        assertArrayEquals(new int[] {100, 100, 100, 100, 100}, totalCounts(d));
        Examples ex = d.train();
        double[][] mean = new double[5][3];
        int[] n = ex.classCounts();
        for (int i = 0; i < ex.size(); i++) {
            float[] p = ex.features(i);
            for (int k = 0; k < 3; k++) {
                mean[ex.label(i)][k] += p[k] / n[ex.label(i)];
            }
        }
        for (int i = 0; i < ex.size(); i++) {
            float[] p = ex.features(i);
            double[] m = mean[ex.label(i)];
            double dist = Math.sqrt(Math.pow(p[0] - m[0], 2) + Math.pow(p[1] - m[1], 2) + Math.pow(p[2] - m[2], 2));
            assertTrue(dist < 0.5 * 6, "point " + i + " is " + dist + " from its class mean");
        }
    }

    @Test
    void tooFewPointsOrBadArgumentsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.twoMoons(5, 0.1, 1))
                .getMessage().contains("at least 10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.spirals(100, 1, 0.1, 1))
                .getMessage().contains("at least 2 classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.blobs(100, 2, 0, 1, 1))
                .getMessage().contains("1 dimension"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.twoMoons(100, -1, 1))
                .getMessage().contains("≥ 0"));
    }
}
