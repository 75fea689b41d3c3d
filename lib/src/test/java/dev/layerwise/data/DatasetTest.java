package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DatasetTest {
    /** n flat 4×4 "images"; label i mod 3. */
    static Examples squares(String name, int n) {
        float[] f = new float[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 16; j++) {
                f[i * 16 + j] = (i + j) % 5 / 4f;
            }
        }
        return Examples.of(name, f, new int[] {16}, labels, 3);
    }

    static Dataset data() {
        return Dataset.of(squares("sq/train", 100), squares("sq/test", 30)).named("sq");
    }

    private static String message(Runnable r) {
        return assertThrows(RuntimeException.class, r::run).getMessage();
    }

    private static void assertPermutation(int[] order, int n) {
        assertEquals(n, order.length);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void defaultsAreBatch32ShuffleOnSeed42() {
        Dataset d = data();
        assertEquals(32, d.batchSize());
        assertTrue(d.shuffle());
        assertEquals(42, d.seed());
        assertEquals(4, d.batchesPerEpoch());
        assertEquals("Dataset sq: 100 train × [16] → 3 classes, test 30, batch 32, shuffle seed 42", d.toString());
    }

    @Test
    void fluentMethodsReturnNewValuesAndLeaveTheOriginalAlone() {
        Dataset d = data();
        Dataset changed = d.subset(10).batchSize(5).seed(7).shuffle(false);
        assertEquals("Dataset sq: 10 train × [16] → 3 classes, test 30, batch 5, no shuffle", changed.toString());
        assertEquals(100, d.size());
        assertEquals(32, d.batchSize());
    }

    @Test
    void subsetSharesArraysAndKeepsTest() {
        Dataset d = data();
        Dataset sub = d.subset(10);
        assertEquals(10, sub.size());
        assertSame(d.testExamples(), sub.testExamples());
        assertTrue(sub.train().sharesFeaturesWith(d.train()));
        assertEquals(30, sub.test().size());
    }

    @Test
    void testSubsetShrinksOnlyTheTestSet() {
        Dataset d = data().testSubset(5);
        assertEquals(100, d.size());
        assertEquals(5, d.testExamples().size());
    }

    @Test
    void subsetErrorsSayTheSize() {
        assertTrue(message(() -> data().subset(0)).contains("at least 1 example"));
        String m = message(() -> data().subset(101));
        assertTrue(m.contains("has 100 examples") && m.contains("from 1 to 100"), m);
        assertTrue(message(() -> data().testSubset(31)).contains("has 30 examples"));
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        String m = message(() -> data().batchSize(0));
        assertTrue(m.startsWith("batchSize(0): a batch needs at least 1 example"), m);
    }

    @Test
    void batchesPerEpochRoundsUp() {
        assertEquals(34, data().batchSize(3).batchesPerEpoch());
        assertEquals(100, data().batchSize(1).batchesPerEpoch());
        assertEquals(1, data().batchSize(1000).batchesPerEpoch());
    }

    @Test
    void epochOrderIsADeterministicPermutationPerSeedAndEpoch() {
        Dataset d = data();
        int[] e0 = d.epochOrder(0);
        assertPermutation(e0, 100);
        assertArrayEquals(e0, data().epochOrder(0));
        assertFalse(Arrays.equals(e0, d.epochOrder(1)));
        assertFalse(Arrays.equals(e0, d.seed(43).epochOrder(0)));
        assertPermutation(d.epochOrder(1), 100);
        assertPermutation(d.subset(7).epochOrder(3), 7);
    }

    @Test
    void epochOrderIsTheIdentityWithoutShuffle() {
        int[] order = data().shuffle(false).epochOrder(5);
        for (int i = 0; i < order.length; i++) {
            assertEquals(i, order[i]);
        }
    }

    @Test
    void imagesReshapesFlatSquaresAndFlatUndoesIt() {
        Dataset img = data().images();
        assertArrayEquals(new int[] {1, 4, 4}, img.sampleShape());
        assertArrayEquals(new int[] {1, 4, 4}, img.testExamples().sampleShape());
        assertSame(img, img.images());
        assertArrayEquals(new int[] {16}, img.flat().sampleShape());
        assertArrayEquals(new int[] {2, 8}, data().reshape(2, 8).sampleShape());
    }

    @Test
    void imagesRejectsNonSquareSamples() {
        Dataset moons = Datasets.twoMoons(100, 0.1, 1);
        String m = message(moons::images);
        assertTrue(m.contains("[2]") && m.contains("not a square image") && m.contains("reshape"), m);
    }

    @Test
    void splitIsRandomDisjointAndDeterministic() {
        Dataset all = Dataset.of(squares("all", 50));
        assertFalse(all.hasTest());
        Dataset split = all.split(0.8);
        assertEquals(40, split.size());
        assertEquals(10, split.testExamples().size());
        assertEquals(all.split(0.8).train().labels().length, 40);
        assertArrayEquals(split.train().features(), all.split(0.8).train().features());
        assertFalse(Arrays.equals(split.train().features(), all.seed(1).split(0.8).train().features()));
        float[] firstRows = all.train().subset(40).features();
        assertFalse(Arrays.equals(firstRows, split.train().features()), "split must shuffle");
    }

    @Test
    void splitErrorsAreClear() {
        assertTrue(message(() -> data().split(0.8)).contains("withoutTest().split"));
        assertTrue(message(() -> data().withoutTest().split(1.0)).contains("strictly between 0 and 1"));
        assertTrue(message(() -> Dataset.of(squares("one", 1)).split(0.5)).contains("both need at least 1"));
    }

    @Test
    void testTurnsTheTestSetIntoADatasetForEvaluation() {
        Dataset test = data().batchSize(7).test();
        assertEquals(30, test.size());
        assertEquals(7, test.batchSize());
        assertFalse(test.shuffle());
        assertFalse(test.hasTest());
        assertEquals("sq (test)", test.name());
        String m = message(() -> data().withoutTest().test());
        assertTrue(m.contains("has no test set") && m.contains("split(0.8)"), m);
    }

    @Test
    void mismatchedTestSetIsRejected() {
        Examples other = Examples.of("o", new float[8], new int[] {8}, new int[] {0}, 3);
        String m = message(() -> Dataset.of(squares("a", 3), other));
        assertTrue(m.contains("[8]") && m.contains("[16]"), m);
    }

    @Test
    void classNamesDefaultToNumbersAndMustMatchTheClassCount() {
        assertEquals(java.util.List.of("0", "1", "2"), data().classNames());
        assertEquals("b", data().withClassNames("a", "b", "c").classNames().get(1));
        assertTrue(message(() -> data().withClassNames("a")).contains("1 names for 3 classes"));
    }

    @Test
    void unlabeledAndRegressionSetsSaySoInTheirSummary() {
        Examples u = Examples.unlabeled("u", new float[6], 3);
        assertEquals("Dataset u: 2 train × [3], unlabeled, no test set, batch 32, shuffle seed 42",
                Dataset.of(u).toString());
        assertTrue(Dataset.of(u.withTargets(new float[] {1, 2}, 1)).toString().contains("→ targets [1]"));
        assertNotEquals(0, Dataset.of(u).batchesPerEpoch());
    }
}
