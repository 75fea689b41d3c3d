package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ExamplesTest {
    /** 6 examples of 4 features; feature j of example i is 10 i + j; label i mod 3. */
    static Examples six() {
        float[] f = new float[24];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                f[i * 4 + j] = 10 * i + j;
            }
        }
        return Examples.of("six", f, new int[] {4}, new int[] {0, 1, 2, 0, 1, 2}, 3);
    }

    private static String message(Runnable r) {
        return assertThrows(RuntimeException.class, r::run).getMessage();
    }

    @Test
    void accessorsDescribeTheTable() {
        Examples ex = six();
        assertEquals(6, ex.size());
        assertArrayEquals(new int[] {4}, ex.sampleShape());
        assertEquals(4, ex.sampleSize());
        assertEquals(3, ex.numClasses());
        assertEquals(2, ex.label(5));
        assertArrayEquals(new float[] {50, 51, 52, 53}, ex.features(5));
        assertArrayEquals(new int[] {2, 2, 2}, ex.classCounts());
        assertTrue(ex.hasLabels());
        assertFalse(ex.hasTargets());
        assertEquals("Examples six: 6 × [4] → 3 classes", ex.toString());
    }

    @Test
    void factoryCopiesTheCallersArrays() {
        float[] f = {1, 2};
        int[] labels = {0, 1};
        Examples ex = Examples.of("c", f, new int[] {1}, labels, 2);
        f[0] = 99;
        labels[0] = 1;
        assertEquals(1f, ex.features(0)[0]);
        assertEquals(0, ex.label(0));
    }

    @Test
    void subsetAndSliceAreViewsThatShareTheArrays() {
        Examples ex = six();
        Examples sub = ex.subset(4);
        Examples slice = sub.slice(1, 3);
        assertEquals(4, sub.size());
        assertEquals(2, slice.size());
        assertArrayEquals(new float[] {10, 11, 12, 13}, slice.features(0));
        assertArrayEquals(new int[] {1, 2}, slice.labels());
        assertTrue(slice.sharesFeaturesWith(ex));
    }

    @Test
    void selectKeepsTheGivenOrderAndComposesWithSlices() {
        Examples picked = six().slice(2, 6).select(new int[] {3, 0});
        assertArrayEquals(new float[] {50, 51, 52, 53, 20, 21, 22, 23}, picked.features());
        assertArrayEquals(new int[] {2, 2}, picked.labels());
        assertArrayEquals(new float[] {20, 21, 22, 23}, picked.slice(1, 2).features());
    }

    @Test
    void copyFeaturesFillsOneContiguousBufferInTheGivenOrder() {
        Examples ex = six().slice(1, 6);
        float[] buffer = new float[2 + 3 * 4];
        ex.copyFeatures(new int[] {4, 0, 2}, buffer, 2);
        assertArrayEquals(new float[] {0, 0, 50, 51, 52, 53, 10, 11, 12, 13, 30, 31, 32, 33}, buffer);
        int[] labels = new int[3];
        ex.copyLabels(new int[] {4, 0, 2}, labels, 0);
        assertArrayEquals(new int[] {2, 1, 0}, labels);
    }

    @Test
    void copyIntoATooSmallBufferSaysHowMuchIsNeeded() {
        String m = message(() -> six().copyFeatures(new int[] {0, 1}, new float[7], 0));
        assertTrue(m.contains("2 examples need 8 values") && m.contains("has 7"), m);
    }

    @Test
    void outOfRangeRowIndexNamesTheValidRange() {
        String m = message(() -> six().subset(3).copyLabels(new int[] {3}, new int[1], 0));
        assertTrue(m.contains("example 3") && m.contains("0 to 2"), m);
    }

    @Test
    void reshapeKeepsTheDataAndRejectsADifferentElementCount() {
        Examples ex = six().reshape(1, 2, 2);
        assertArrayEquals(new int[] {1, 2, 2}, ex.sampleShape());
        assertArrayEquals(new float[] {10, 11, 12, 13}, ex.features(1));
        String m = message(() -> six().reshape(3, 3));
        assertTrue(m.contains("[3, 3]") && m.contains("[4]") && m.contains("holds 9"), m);
    }

    @Test
    void labelOutOfRangeNamesTheExampleAndTheValue() {
        String m = message(() -> Examples.of("bad", new float[3], new int[] {1}, new int[] {0, 3, 1}, 3));
        assertTrue(m.contains("example 1 is 3") && m.contains("[0, 3)"), m);
        String negative = message(() -> Examples.of("bad", new float[2], new int[] {1}, new int[] {0, -1}, 3));
        assertTrue(negative.contains("example 1 is -1"), negative);
    }

    @Test
    void featuresMustBeAWholeNumberOfSamples() {
        String m = message(() -> Examples.of("odd", new float[10], new int[] {4}, new int[] {0, 0}, 1));
        assertTrue(m.contains("10 feature values") && m.contains("[4]") && m.contains("2 left over"), m);
    }

    @Test
    void labelCountMustMatchTheExampleCount() {
        String m = message(() -> Examples.of("l", new float[8], new int[] {4}, new int[] {0, 0, 0}, 1));
        assertTrue(m.contains("3 labels for 2 examples"), m);
    }

    @Test
    void nonFiniteFeaturesNameTheFirstBadExample() {
        float[] f = new float[12];
        f[9] = Float.NaN;
        f[11] = Float.POSITIVE_INFINITY;
        String m = message(() -> Examples.unlabeled("nan", f, 4));
        assertTrue(m.contains("feature 1 of example 2 is NaN"), m);
    }

    @Test
    void emptySetsAreRejected() {
        String m = message(() -> Examples.of("empty", new float[0], new int[] {4}, new int[0], 2));
        assertTrue(m.contains("no examples"), m);
        assertTrue(message(() -> six().subset(0)).contains("choose n from 1 to 6"));
        assertTrue(message(() -> six().slice(2, 2)).contains("not empty"));
        assertTrue(message(() -> six().select(new int[0])).contains("at least one"));
    }

    @Test
    void targetsLineUpWithFeaturesEvenOnAView() {
        Examples view = six().slice(2, 5);
        Examples withTargets = view.withTargets(new float[] {0.2f, 0.3f, 0.4f}, 1);
        assertArrayEquals(new int[] {1}, withTargets.targetShape());
        float[] t = new float[2];
        withTargets.copyTargets(new int[] {2, 0}, t, 0);
        assertArrayEquals(new float[] {0.4f, 0.2f}, t);
        assertArrayEquals(new float[] {40, 41, 42, 43}, withTargets.features(2));
        assertEquals(2, withTargets.label(0));
        assertArrayEquals(new float[] {0.3f, 0.4f}, withTargets.subset(3).slice(1, 3).targets());
    }

    @Test
    void wrongTargetCountIsRejected() {
        String m = message(() -> six().withTargets(new float[5], 1));
        assertTrue(m.contains("need 6 values") && m.contains("got 5"), m);
    }

    @Test
    void featuresAsTargetsShareTheArray() {
        Examples base = six();
        Examples auto = base.subset(3).withFeaturesAsTargets();
        assertArrayEquals(auto.features(), auto.targets());
        assertArrayEquals(new int[] {4}, auto.targetShape());
        assertTrue(auto.sharesFeaturesWith(base));
    }

    @Test
    void unlabeledDataSaysSoWhenAskedForLabels() {
        Examples ex = Examples.unlabeled("u", new float[4], 2);
        assertEquals(0, ex.numClasses());
        assertTrue(message(() -> ex.label(0)).contains("has no labels"));
        assertTrue(message(ex::classCounts).contains("has no labels"));
    }

    @Test
    void viewsOfTheSameRowsAreEqualSoCachesSurviveReRunningACell() {
        Examples base = six();
        assertEquals(base.subset(3), base.subset(3).named("other name"));
        assertEquals(base.subset(3).hashCode(), base.subset(3).hashCode());
        assertEquals(base.select(new int[] {1, 2}), base.slice(1, 3).select(new int[] {0, 1}));
        assertFalse(base.subset(3).equals(base.subset(4)));
        assertFalse(base.subset(3).equals(six().subset(3)), "different stored arrays");
        assertFalse(base.equals(base.reshape(2, 2)));
    }
}
