package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ScalingAndSplitsTest {
    /** Training features 0 … 9 (one feature), test features 100 and 200: far apart on purpose. */
    static Dataset farApart() {
        float[] train = new float[10];
        for (int i = 0; i < 10; i++) {
            train[i] = i;
        }
        return Dataset.of(Examples.of("train", train, new int[] {1}, new int[10], 1),
                Examples.of("test", new float[] {100, 200}, new int[] {1}, new int[2], 1));
    }

    /** n examples of class i % 4 when i < 3n/4, else class 3 (so classes are unbalanced); feature = i. */
    static Examples unbalanced(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 3 * n / 4 ? i % 3 : 3;
        }
        return Examples.of("u", x, new int[] {1}, y, 4);
    }

    @Test
    void standardizingUsesTheTrainingSetsMeanAndDeviationForEverySet() {
        Dataset d = farApart().standardize();
        FeatureScaler s = d.scaler().orElseThrow();
        assertEquals(4.5f, s.offsets()[0], 1e-6);
        assertEquals((float) Math.sqrt(8.25), s.scales()[0], 1e-6, "the population sd of 0 … 9");
        assertEquals(10, s.fittedOn());
        assertEquals((100 - 4.5) / Math.sqrt(8.25), d.testExamples().features(0)[0], 1e-4,
                "test features use the training statistics, not their own");
        double mean = 0;
        for (float v : d.train().features()) {
            mean += v / 10;
        }
        assertEquals(0, mean, 1e-6);
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroOne() {
        Dataset d = farApart().minMax();
        assertEquals(0f, d.train().features(0)[0]);
        assertEquals(1f, d.train().features(9)[0]);
        assertEquals(100f / 9, d.testExamples().features(0)[0], 1e-5);
    }

    @Test
    void theScalingIsFittedAgainWhenTheTrainingExamplesChange() {
        Dataset scaled = Dataset.of(unbalanced(40)).standardize();
        assertEquals(19.5f, scaled.scaler().orElseThrow().offsets()[0], 1e-5);
        Dataset split = scaled.split(0.5);
        FeatureScaler s = split.scaler().orElseThrow();
        assertEquals(20, s.fittedOn(), "fitted on the 20 training examples only");
        float[] raw = Dataset.of(unbalanced(40)).split(0.5).train().features();
        double mean = 0;
        for (float v : raw) {
            mean += v / raw.length;
        }
        assertEquals(mean, s.offsets()[0], 1e-4, "the mean of the training split, not of all 40");
        assertEquals(5, scaled.subset(5).scaler().orElseThrow().fittedOn());
        assertEquals(2f, scaled.subset(5).scaler().orElseThrow().offsets()[0], 1e-6);
    }

    @Test
    void imageSamplesAreScaledPerChannelAndOneHotColumnsStayZeroOrOne() {
        float[] x = new float[2 * 2 * 2 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 8 ? (i % 4) : 10 + (i % 4); // channel 0 of example 0 and 1 alike below
        }
        Examples img = Examples.of("img", x, new int[] {2, 2, 2}, new int[] {0, 1}, 2);
        FeatureScaler s = Dataset.of(img).standardize().scaler().orElseThrow();
        assertTrue(s.perChannel());
        assertEquals(2, s.offsets().length);
        boolean[] keep = {false, true};
        Examples table = Examples.of("t", new float[] {1, 0, 3, 1}, new int[] {2}, new int[] {0, 1}, 2);
        FeatureScaler hot = FeatureScaler.fit(Scaling.STANDARDIZE, table, keep);
        assertArrayEquals(new float[] {2, 0}, hot.offsets());
        assertArrayEquals(new float[] {1, 1}, hot.scales());
    }

    @Test
    void aFeatureConstantOnTheTrainingSetIsOnlyShifted() {
        Examples flat = Examples.of("c", new float[] {5, 5, 5}, new int[] {1}, new int[3], 1);
        Dataset d = Dataset.of(flat).standardize();
        assertEquals(1f, d.scaler().orElseThrow().scales()[0]);
        assertArrayEquals(new float[] {0, 0, 0}, d.train().features());
    }

    @Test
    void batchSizeAndSeedKeepTheScaledArraysSoALearnersCacheStillHits() {
        Dataset d = farApart().standardize();
        assertSame(d.train(), d.batchSize(5).seed(3).train());
        assertEquals(d.train(), d.batchSize(5).train());
    }

    @Test
    void splitsAreStratifiedWhenThereAreLabels() {
        Dataset split = Dataset.of(unbalanced(400)).split(0.8);
        assertArrayEquals(new int[] {80, 80, 80, 80}, split.train().classCounts());
        assertArrayEquals(new int[] {20, 20, 20, 20}, split.testExamples().classCounts());
        Set<Float> seen = new HashSet<>();
        for (float v : split.train().features()) {
            seen.add(v);
        }
        for (float v : split.testExamples().features()) {
            assertTrue(seen.add(v), "train and test are disjoint");
        }
        assertEquals(400, seen.size());
    }

    @Test
    void threeWaySplitsHaveTheirSizesAndEveryClassInEachPart() {
        Dataset d = Dataset.of(unbalanced(403)).seed(9).split(0.7, 0.15);
        assertEquals(282, d.size());
        assertEquals(60, d.validationExamples().size());
        assertEquals(61, d.testExamples().size());
        for (Examples part : new Examples[] {d.train(), d.validationExamples(), d.testExamples()}) {
            int[] counts = part.classCounts();
            assertTrue(Arrays.stream(counts).allMatch(c -> c >= part.size() / 4 - 2 && c <= part.size() / 4 + 2),
                    part.name() + " " + Arrays.toString(counts));
        }
        assertEquals(d.validationExamples().size(), d.heldOut().size(), "the learner validates on the validation set");
        assertArrayEquals(d.train().features(), Dataset.of(unbalanced(403)).seed(9).split(0.7, 0.15).train().features());
        assertFalse(Arrays.equals(d.train().features(),
                Dataset.of(unbalanced(403)).seed(10).split(0.7, 0.15).train().features()));
    }

    @Test
    void validationSplitKeepsTheTestSetAndTheHeldOutSetIsTheValidationSet() {
        Dataset d = DatasetTest.data().validationSplit(0.2);
        assertEquals(80, d.size());
        assertEquals(20, d.validationExamples().size());
        assertEquals(30, d.testExamples().size());
        assertEquals(20, d.heldOut().size());
        assertEquals(30, DatasetTest.data().heldOut().size(), "without validation the test set is held out");
        assertTrue(d.toString().contains("validation 20, test 30"), d.toString());
        assertFalse(Dataset.of(unbalanced(8)).hasHeldOut());
    }

    @Test
    void splitErrorsSayWhatWouldBeLeft() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(unbalanced(40)).split(0.7, 0.3));
        assertTrue(sum.getMessage().contains("leaving nothing for the test set"), sum.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> DatasetTest.data().validationSplit(0.1).validationSplit(0.1));
        assertTrue(twice.getMessage().contains("already has a validation set"), twice.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> DatasetTest.data().validation());
        assertTrue(none.getMessage().contains("validationSplit(0.1)"), none.getMessage());
    }

    @Test
    void unlabeledSetsSplitAtRandom() {
        Examples u = Examples.unlabeled("u", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
        Dataset d = Dataset.of(u).split(0.6);
        assertEquals(6, d.size());
        float[] both = new float[10];
        System.arraycopy(d.train().features(), 0, both, 0, 6);
        System.arraycopy(d.testExamples().features(), 0, both, 6, 4);
        assertFalse(Arrays.equals(u.features(), both), "shuffled, not the first rows in order");
        Arrays.sort(both);
        assertArrayEquals(u.features(), both, "every row once");
    }
}
