package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AugmentTest {
    /** A 5 × 5 one-channel image whose pixel (y, x) is 1 + 10y + x, so every pixel says where it came from. */
    static float[] numbered(int channels) {
        float[] img = new float[channels * 25];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    img[c * 25 + y * 5 + x] = 1 + 100 * c + 10 * y + x;
                }
            }
        }
        return img;
    }

    private static float[] apply(Augmentation a, float[] img, int channels, long seed) {
        float[] out = new float[img.length];
        Arrays.fill(out, Float.NaN);
        a.apply(img, 0, out, 0, channels, 5, 5, new SplittableRandom(seed));
        return out;
    }

    /** The move (dx, dy) of an image moved by at most 2, read from its center pixel, which always survives. */
    private static int[] move(float[] out) {
        int v = (int) out[12] - 1;
        return new int[] {v % 10 - 2, v / 10 - 2};
    }

    @Test
    void cropMovesTheImageByAtMostThePaddingAndFillsWithZeros() {
        Set<String> moves = new HashSet<>();
        for (long seed = 0; seed < 400; seed++) {
            float[] out = apply(Augment.crop(2), numbered(2), 2, seed);
            int[] m = move(out);
            moves.add(Arrays.toString(m));
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 5; x++) {
                        int sx = x + m[0];
                        int sy = y + m[1];
                        float expected = sx < 0 || sy < 0 || sx >= 5 || sy >= 5 ? 0 : 1 + 100 * c + 10 * sy + sx;
                        assertEquals(expected, out[c * 25 + y * 5 + x], "seed " + seed + " pixel " + c + "," + y + "," + x);
                    }
                }
            }
        }
        assertEquals(25, moves.size(), "every move from -2 to 2 both ways turns up: " + moves);
    }

    @Test
    void shiftRepeatsTheEdgeInsteadOfAddingZeros() {
        for (long seed = 0; seed < 100; seed++) {
            float[] out = apply(Augment.shift(2), numbered(1), 1, seed);
            int[] m = move(out);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    int sx = Math.max(0, Math.min(4, x + m[0]));
                    int sy = Math.max(0, Math.min(4, y + m[1]));
                    assertEquals(1 + 10 * sy + sx, out[y * 5 + x], "seed " + seed);
                }
            }
        }
    }

    @Test
    void flipMirrorsAboutHalfTheImagesLeftToRight() {
        int flipped = 0;
        for (long seed = 0; seed < 1000; seed++) {
            float[] out = apply(Augment.flip(), numbered(1), 1, seed);
            boolean mirrored = out[0] == 5;
            if (mirrored) {
                flipped++;
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(1 + 10 * y + (4 - x), out[y * 5 + x]);
                    }
                }
            } else {
                assertArrayEquals(numbered(1), out);
            }
        }
        assertTrue(flipped > 450 && flipped < 550, flipped + " of 1000 flipped");
    }

    @Test
    void chainsApplyTheirStepsInOrder() {
        Augmentation mirrorAlways = (in, io, out, oo, c, h, w, r) -> {
            for (int row = 0; row < c * h; row++) {
                for (int x = 0; x < w; x++) {
                    out[oo + row * w + x] = in[io + row * w + w - 1 - x];
                }
            }
        };
        Augmentation plusOne = (in, io, out, oo, c, h, w, r) -> {
            for (int i = 0; i < c * h * w; i++) {
                out[oo + i] = in[io + i] + 1;
            }
        };
        float[] out = apply(mirrorAlways.then(plusOne).then(mirrorAlways), numbered(1), 1, 0);
        float[] expected = numbered(1);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += 1;
        }
        assertArrayEquals(expected, out);
        assertEquals("crop(4), then flip()", Augment.of(Augment.crop(4), Augment.flip()).toString());
    }

    /** 6 images of 5 × 5 in 2 classes, flat as Fashion-MNIST's [784] is. */
    private static Dataset images() {
        float[] x = new float[6 * 25];
        int[] y = new int[6];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(numbered(1), 0, x, i * 25, 25);
            y[i] = i % 2;
        }
        Examples all = Examples.of("img", x, new int[] {25}, y, 2);
        return Dataset.of(all, all.subset(2)).seed(5);
    }

    @Test
    void eachEpochGetsFreshlyAugmentedImagesThatRepeatForTheSameSeed() {
        Dataset d = images().augment(Augment.crop(2), Augment.flip());
        Examples e0 = d.epochExamples(0);
        Examples e1 = d.epochExamples(1);
        assertArrayEquals(e0.features(), d.epochExamples(0).features(), "the same seed and epoch, the same images");
        assertFalse(Arrays.equals(e0.features(), e1.features()), "another epoch, other images");
        assertFalse(Arrays.equals(e0.features(), d.seed(6).epochExamples(0).features()), "another seed, other images");
        assertArrayEquals(d.train().labels(), e0.labels(), "labels stay with their images");
        assertArrayEquals(d.train().sampleShape(), e0.sampleShape());
        assertFalse(Arrays.equals(d.train().features(), e0.features()));
        assertArrayEquals(numbered(1), d.train().features(0), "train() itself is never changed");
        assertArrayEquals(numbered(1), d.testExamples().features(0), "test images are not augmented");
    }

    @Test
    void withoutAugmentationAnEpochTrainsOnTheTrainingExamplesThemselves() {
        Dataset d = images();
        assertSame(d.train(), d.epochExamples(3));
        Dataset augmented = d.augment(Augment.flip());
        assertNotSame(augmented.train(), augmented.epochExamples(3));
        assertSame(d.train(), augmented.withoutAugmentation().epochExamples(3));
        assertTrue(augmented.augmentation().isPresent());
        assertTrue(augmented.toString().endsWith("augmented: flip()"), augmented.toString());
        assertTrue(augmented.augment(Augment.crop(1)).toString().endsWith("augmented: crop(1)"), "replaced, not added");
    }

    @Test
    void augmentationNeedsImageSamples() {
        Dataset moons = Datasets.twoMoons(100, 0.1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> moons.augment(Augment.flip()));
        assertTrue(e.getMessage().contains("[2] are not images") && e.getMessage().contains("reshape(c, h, w)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augment.crop(0));
        assertThrows(IllegalArgumentException.class, () -> Augment.of());
    }

    @Test
    void aBigEpochIsAugmentedTheSameOnAnyNumberOfThreads() {
        int n = 3000;
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7919 % 255) / 255f;
        }
        Dataset d = Dataset.of(Examples.of("big", x, new int[] {784}, new int[n], 1))
                .augment(Augment.crop(4), Augment.flip());
        float[] parallel = d.epochExamples(2).features();
        float[] sequential = new float[parallel.length];
        Augmentation chain = d.augmentation().orElseThrow();
        Dataset single = d;
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1);
        try {
            float[] onOne = pool.submit(() -> single.epochExamples(2).features()).get();
            System.arraycopy(onOne, 0, sequential, 0, onOne.length);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
        assertArrayEquals(parallel, sequential);
        assertTrue(chain.toString().contains("crop(4)"));
    }
}
