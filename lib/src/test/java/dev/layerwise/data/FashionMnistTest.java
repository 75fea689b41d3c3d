package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the Debian package {@code dataset-fashion-mnist}, installed on development machines and in CI. */
@Tag("unit")
class FashionMnistTest {
    static Dataset data;
    static long loadMillis;

    @BeforeAll
    static void load() {
        Datasets.clearCache();
        long t0 = System.nanoTime();
        data = Datasets.fashionMnist();
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("Fashion-MNIST loaded in " + loadMillis + " ms");
    }

    @Test
    void loadsSixtyThousandTrainingAndTenThousandTestImages() {
        assertEquals(60_000, data.size());
        assertEquals(10_000, data.testExamples().size());
        assertArrayEquals(new int[] {784}, data.sampleShape());
        assertEquals(10, data.numClasses());
        assertEquals("fashion-mnist", data.name());
    }

    @Test
    void labelsCoverAllTenClassesEvenly() {
        for (int count : data.train().classCounts()) {
            assertEquals(6_000, count);
        }
        for (int count : data.testExamples().classCounts()) {
            assertEquals(1_000, count);
        }
    }

    @Test
    void pixelsAreScaledToTheUnitRange() {
        float[] pixels = data.subset(2_000).train().features();
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float p : pixels) {
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        assertEquals(0f, lo);
        assertEquals(1f, hi);
    }

    @Test
    void classNamesAreFashionMnists() {
        assertEquals("T-shirt/top", data.classNames().get(0));
        assertEquals("Ankle boot", data.classNames().get(9));
        assertEquals(9, data.train().label(0), "the first training image is an ankle boot");
    }

    @Test
    void theNotebookLineWorksAndRendersItsSummary() {
        var d = Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42);
        assertEquals("Dataset fashion-mnist: 10,000 train × [784] → 10 classes, test 10,000, batch 10,"
                + " shuffle seed 42", d.toString());
        assertEquals(1_000, d.batchesPerEpoch());
    }

    @Test
    void loadingTwiceReturnsTheCachedArrays() {
        Dataset again = Datasets.fashionMnist();
        assertTrue(again.train().sharesFeaturesWith(data.train()));
        assertEquals(data.train(), again.train());
        assertEquals(data.subset(10).train(), again.subset(10).train());
    }

    @Test
    void imagesViewIsOneChannel28By28() {
        assertArrayEquals(new int[] {1, 28, 28}, data.images().sampleShape());
        assertSame(data.train().numClasses(), data.images().numClasses());
    }

    @Test
    void aDirectoryArgumentWithRawFilesWorks(@TempDir Path dir) {
        IdxFiles.mnistDir(dir, 20, 10, false);
        Dataset d = Datasets.mnist(dir);
        assertEquals(20, d.size());
        assertEquals(10, d.testExamples().size());
        assertEquals("mnist", d.name());
        assertEquals(20, Datasets.fashionMnist(dir).size());
    }

    @Test
    void aMissingDirectorySaysWhereItLookedAndHowToInstall(@TempDir Path dir) {
        String m = assertThrows(IllegalStateException.class, () -> Datasets.fashionMnist(dir.resolve("none")))
                .getMessage();
        assertTrue(m.contains(dir.resolve("none").toString()), m);
        assertTrue(m.contains("train-images-idx3-ubyte"), m);
        assertTrue(m.contains("sudo apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("LAYERWISE_FASHION_MNIST"), m);
    }

    @Test
    void theSystemPropertyPointsAtAnotherDirectory(@TempDir Path dir) {
        IdxFiles.mnistDir(dir, 30, 10, true);
        System.setProperty(Datasets.FASHION_MNIST_PROPERTY, dir.toString());
        try {
            assertEquals(30, Datasets.fashionMnist().size());
        } finally {
            System.clearProperty(Datasets.FASHION_MNIST_PROPERTY);
        }
        String m = assertThrows(IllegalStateException.class, () -> {
            System.setProperty(Datasets.FASHION_MNIST_PROPERTY, dir.resolve("missing").toString());
            try {
                Datasets.fashionMnist();
            } finally {
                System.clearProperty(Datasets.FASHION_MNIST_PROPERTY);
            }
        }).getMessage();
        assertTrue(m.contains("system property layerwise.fashionMnist"), m);
    }
}
