package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A set's floats go into native memory once: every view of the same stored array reads the same
 * mirror, made once however many threads ask at the same moment, bit for bit the Java values, and
 * gone with the array; a set too large for one, or for the JVM's direct memory, gets none.
 */
@Tag("unit")
class NativeMirrorTest {

    /** A fresh labelled set: its own stored array, so no other test has mirrored it. */
    private static Examples fresh(int n, int width) {
        float[] x = new float[n * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37) * 3 + i % 7;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return Examples.of("mirror-test", x, new int[] {width}, y, 3);
    }

    private static float[] floats(NativeMirror.Rows rows) {
        FloatBuffer f = rows.memory().asFloatBuffer();
        float[] out = new float[f.remaining()];
        f.get(out);
        return out;
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + " at " + i);
        }
    }

    @Test
    void aViewReadsExactlyItsRowsOfTheSetsValues() {
        Examples all = fresh(50, 6);
        assertSameBits(all.features(), floats(NativeMirror.features(all)), "the whole set");
        Examples slice = all.slice(7, 31);
        assertSameBits(slice.features(), floats(NativeMirror.features(slice)), "slice(7, 31)");
        Examples sub = slice.subset(5).reshape(2, 3);
        assertSameBits(sub.features(), floats(NativeMirror.features(sub)), "a subset of a slice, reshaped");
        assertEquals(0, NativeMirror.features(all).memory().alignmentOffset(0, 64), "the mirror starts on a 64-byte line");
        assertTrue(NativeMirror.features(all).memory().isDirect(), "native memory");
        assertNull(NativeMirror.features(slice).index(), "one run of rows: the memory holds them in order");
        assertEquals(24, NativeMirror.features(slice).rows());
    }

    @Test
    void everyViewOfOneArraySharesOneMirrorMadeOnce() throws Exception {
        Examples all = fresh(2000, 32);
        int before = NativeMirror.MADE.get();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<NativeMirror.Rows>> asks = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                int from = k * 100;
                asks.add(pool.submit(() -> NativeMirror.features(all.slice(from, from + 100))));
            }
            NativeMirror.start(all);
            for (Future<NativeMirror.Rows> ask : asks) {
                assertNotNull(ask.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 1, NativeMirror.MADE.get(), "eight views asked at once, one mirror made");
        ByteBuffer whole = NativeMirror.features(all).memory();
        ByteBuffer part = NativeMirror.features(all.slice(100, 200)).memory();
        whole.putFloat(100 * 32 * Float.BYTES, 12345f); // the slice's first value, seen through the whole set
        assertEquals(12345f, part.getFloat(0), "one memory, not two copies");
        whole.putFloat(100 * 32 * Float.BYTES, all.features(100)[0]);
        assertEquals(before + 1, NativeMirror.MADE.get(), "asked again: no new mirror");
    }

    @Test
    void ownTargetsGetAMirrorAndFeaturesAsTargetsShareTheFeatures() {
        Examples all = fresh(40, 4);
        float[] t = new float[40 * 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.5f;
        }
        Examples regression = all.withTargets(t, 2).slice(3, 13);
        assertSameBits(regression.targets(), floats(NativeMirror.targets(regression)), "the view's target rows");
        Examples auto = all.withFeaturesAsTargets();
        NativeMirror.features(auto);
        int before = NativeMirror.MADE.get();
        assertSameBits(auto.features(), floats(NativeMirror.targets(auto)), "targets are the features");
        assertEquals(before, NativeMirror.MADE.get(), "the features' mirror serves as the targets' one");
    }

    @Test
    void aSelectionReadsTheWholeMirrorThroughItsStoredRows() {
        Examples all = fresh(30, 4);
        Examples picked = all.slice(10, 30).select(new int[] {5, 2, 9, 2});
        NativeMirror.Rows rows = NativeMirror.features(picked);
        assertEquals(30, rows.rows(), "every stored row");
        assertArrayEquals(new int[] {15, 12, 19, 12}, rows.index(), "each example's stored row, in the view's order");
        float[] stored = floats(rows);
        for (int i = 0; i < picked.size(); i++) {
            float[] expected = picked.features(i);
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[j], stored[rows.index()[i] * 4 + j], "example " + i + ", value " + j);
            }
        }
    }

    @Test
    void aSetLargerThanAMirrorCanHoldGetsNoneAndIsNotTriedAgain() {
        long limit = NativeMirror.maxBytes;
        Examples big = fresh(100, 10); // 4,000 bytes
        int before = NativeMirror.MADE.get();
        try {
            NativeMirror.maxBytes = 3999;
            assertNull(NativeMirror.features(big), "over the limit: no mirror, the caller copies");
            NativeMirror.maxBytes = limit;
            assertNull(NativeMirror.features(big.subset(10)), "decided once for the array");
            assertNotNull(NativeMirror.features(fresh(100, 10)), "another array of that size fits the usual limit");
        } finally {
            NativeMirror.maxBytes = limit;
        }
        assertEquals(before + 1, NativeMirror.MADE.get());
    }

    @Test
    void theMirrorGoesWithItsArray() throws InterruptedException {
        Examples set = fresh(1000, 16);
        NativeMirror.start(set.slice(0, 10));
        assertNotNull(NativeMirror.features(set));
        int withSet = NativeMirror.live();
        WeakReference<float[]> array = new WeakReference<>(set.featureArray());
        set = null;
        for (int i = 0; i < 100 && (array.get() != null || NativeMirror.live() >= withSet); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(array.get(), "nothing in the mirrors (nor a queued copy) keeps the set's array alive");
        assertTrue(NativeMirror.live() < withSet, "its mirror was dropped with it, for the JVM to free");
    }

    @Test
    void aSetBeyondTheJvmsDirectMemoryGetsNoMirrorAndAFittingOneStillDoes() throws Exception {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaCommand, "-XX:MaxDirectMemorySize=4m", "-cp", System.getProperty("java.class.path"),
                OutOfDirectMemory.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ended");
        String[] lines = out.strip().split("\n");
        assertEquals("8 MB: none; 1 MB: mirrored", lines[lines.length - 1], "direct memory capped at 4 MB: " + out);
        assertTrue(out.contains("mirror-test's features (8.4 MB) do not fit in the JVM's direct memory")
                && out.contains("-XX:MaxDirectMemorySize"), "it says so, and how to raise the limit: " + out);
    }

    /** Run in a JVM with 4 MB of direct memory: an 8 MB set gets no mirror, a 1 MB one gets one. */
    static final class OutOfDirectMemory {
        public static void main(String[] args) {
            NativeMirror.Rows big = NativeMirror.features(fresh(2 * 1024, 1024));
            NativeMirror.Rows small = NativeMirror.features(fresh(256, 1024));
            System.out.println("8 MB: " + (big == null ? "none" : "mirrored") + "; 1 MB: "
                    + (small == null ? "none" : "mirrored"));
        }
    }
}
