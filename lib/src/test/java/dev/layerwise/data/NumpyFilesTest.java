package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy and .npz files written by Debian's numpy (python3-numpy) through /usr/bin/python3, read through DJL. */
@Tag("engine")
class NumpyFilesTest {
    @TempDir
    static Path dir;

    /** Writes every file the tests read, in one Python process. */
    @BeforeAll
    static void writeFilesWithNumpy() throws IOException, InterruptedException {
        String script = """
                import numpy as np, sys, os
                os.chdir(sys.argv[1])
                x = np.arange(12, dtype=np.float32).reshape(4, 3)
                np.save('x.npy', x)
                np.save('y.npy', np.array([0, 2, 1, 2]))
                np.save('y_bool.npy', np.array([True, False, True, True]))
                np.save('y_float.npy', np.array([[0.5, 1], [1.5, 2], [2.5, 3], [3.5, 4]], dtype=np.float64))
                np.save('y_short.npy', np.array([0, 1, 2]))
                np.save('y_negative.npy', np.array([0, 1, -1, 0]))
                np.save('y_onehot.npy', np.eye(4, dtype=np.int64))
                np.save('x_fortran.npy', np.asfortranarray(np.arange(12, dtype=np.float64).reshape(4, 3)))
                np.save('x_big.npy', np.arange(4, dtype='>f4').reshape(4, 1))
                np.save('x_words.npy', np.array(['a', 'b', 'c', 'd']))
                np.save('y_uint16.npy', np.arange(4, dtype=np.uint16))
                images = (np.arange(5 * 28 * 28) % 256).astype(np.uint8).reshape(5, 28, 28)
                np.savez('keras.npz', x_train=images, y_train=np.array([0, 1, 2, 3, 4], dtype=np.uint8),
                         x_test=images[:2], y_test=np.array([4, 0]))
                np.savez_compressed('short.npz', x=x, y=np.array([1, 0, 1, 0]))
                np.savez('named.npz', pixels=x, classes=np.array([1, 1, 0, 0], dtype=np.int32))
                np.savez('test_label_9.npz', x_train=x, y_train=np.array([0, 1, 2, 1]), x_test=x[:1], y_test=np.array([9]))
                """;
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python finished");
        assertEquals(0, p.exitValue(), "numpy wrote the files (install python3-numpy; the CI script does): " + out);
    }

    private static DataFileException fails(Runnable call) {
        return assertThrows(DataFileException.class, call::run);
    }

    @Test
    void featuresAndIntegerLabelsFromTwoNpyFiles() {
        Dataset d = Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y.npy"));
        assertArrayEquals(new int[] {3}, d.sampleShape());
        assertArrayEquals(new float[] {3, 4, 5}, d.train().features(1));
        assertArrayEquals(new int[] {0, 2, 1, 2}, d.train().labels());
        assertEquals(3, d.numClasses(), "the largest id + 1");
        assertEquals(5, Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y.npy"), 5).numClasses());
        assertEquals("x", d.name());
    }

    @Test
    void booleanLabelsAreTwoClassesAndFloatLabelsAreRegressionTargets() {
        assertArrayEquals(new int[] {1, 0, 1, 1},
                Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_bool.npy")).train().labels());
        Dataset r = Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_float.npy"));
        assertFalse(r.train().hasLabels());
        assertArrayEquals(new int[] {2}, r.train().targetShape());
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4}, r.train().targets());
    }

    @Test
    void aKerasStyleNpzGivesTrainingAndTestSetsWithTheirShapes() {
        Dataset d = Datasets.npz(dir.resolve("keras.npz"));
        assertEquals(5, d.size());
        assertEquals(2, d.testExamples().size());
        assertArrayEquals(new int[] {28, 28}, d.sampleShape());
        assertArrayEquals(new int[] {1, 28, 28}, d.images().sampleShape());
        assertEquals(255f, d.train().features(0)[255], "uint8 values as they are");
        assertArrayEquals(new int[] {4, 0}, d.testExamples().labels());
        Dataset compressed = Datasets.npz(dir.resolve("short.npz"));
        assertArrayEquals(new int[] {1, 0, 1, 0}, compressed.train().labels());
        Dataset named = Datasets.npz(dir.resolve("named.npz"), "pixels", "classes");
        assertArrayEquals(new int[] {1, 1, 0, 0}, named.train().labels());
    }

    @Test
    void anNpzWithoutTheUsualNamesListsItsArrays() {
        DataFileException e = fails(() -> Datasets.npz(dir.resolve("named.npz")));
        assertTrue(e.getMessage().contains("pixels, classes") && e.getMessage().contains("Datasets.npz(file,"),
                e.getMessage());
        DataFileException key = fails(() -> Datasets.npz(dir.resolve("named.npz"), "x", "classes"));
        assertTrue(key.getMessage().contains("no array named 'x'; it holds pixels, classes"), key.getMessage());
    }

    @Test
    void labelsOutsideTheClassRangeAreNamedByIndex() {
        DataFileException neg = fails(() -> Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_negative.npy")));
        assertTrue(neg.getMessage().contains("label -1 at index 2"), neg.getMessage());
        DataFileException high = fails(() -> Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y.npy"), 2));
        assertTrue(high.getMessage().contains("label 2 at index 1") && high.getMessage().contains("0 … 1 (2 classes)"),
                high.getMessage());
        DataFileException test = fails(() -> Datasets.npz(dir.resolve("test_label_9.npz")));
        assertTrue(test.getMessage().contains("label 9 at index 0 of 'y_test'"), test.getMessage());
    }

    @Test
    void mismatchedCountsAndOneHotLabelsAreExplained() {
        DataFileException count = fails(() -> Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_short.npy")));
        assertTrue(count.getMessage().contains("3 rows, but the features") && count.getMessage().contains("have 4 rows"),
                count.getMessage());
        DataFileException hot = fails(() -> Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_onehot.npy")));
        assertTrue(hot.getMessage().contains("y.argmax(axis=1)"), hot.getMessage());
    }

    @Test
    void arraysTheEngineCannotTakeAreRefusedBeforeDecoding() {
        assertTrue(fails(() -> Datasets.numpy(dir.resolve("x_fortran.npy"), dir.resolve("y.npy"))).getMessage()
                .contains("np.ascontiguousarray"));
        assertTrue(fails(() -> Datasets.numpy(dir.resolve("x_big.npy"), dir.resolve("y.npy"))).getMessage()
                .contains("big-endian ('>f4')"));
        assertTrue(fails(() -> Datasets.numpy(dir.resolve("x_words.npy"), dir.resolve("y.npy"))).getMessage()
                .contains("element type '<U1'"));
        assertTrue(fails(() -> Datasets.numpy(dir.resolve("x.npy"), dir.resolve("y_uint16.npy"))).getMessage()
                .contains("y.astype('int64')"), "refused instead of crashing the engine");
        Path text = dir.resolve("notes.npy");
        try {
            Files.writeString(text, "not numpy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(fails(() -> Datasets.numpy(text, dir.resolve("y.npy"))).getMessage().contains("neither a .npy"));
    }
}
