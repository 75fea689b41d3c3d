package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bulk copies into NIO buffers hold exactly what the array copies hold, for stored runs and for selections. */
@Tag("unit")
class ExampleBuffersTest {

    private static float[] features(Examples e) {
        FloatBuffer b = FloatBuffer.allocate(e.size() * e.sampleSize());
        ExampleBuffers.features(e, b);
        assertEquals(0, b.remaining(), "the buffer is filled exactly");
        return b.array();
    }

    @Test
    void wholeSetsSubsetsSlicesAndSelectionsCopyTheirOwnRowsInOrder() {
        Examples six = ExamplesTest.six();
        for (Examples view : new Examples[] {six, six.subset(4), six.slice(2, 5), six.select(new int[] {5, 0, 3, 3}),
                six.select(new int[] {4, 1, 2}).slice(1, 3)}) {
            assertArrayEquals(view.features(), features(view), view.toString());
            LongBuffer labels = LongBuffer.allocate(view.size());
            ExampleBuffers.labels(view, labels);
            int[] expected = view.labels();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], labels.get(i), view + " label " + i);
            }
        }
    }

    @Test
    void batchesFollowTheEpochOrder() {
        Examples view = ExamplesTest.six().slice(1, 6);
        int[] order = {4, 0, 2, 1, 3};
        FloatBuffer x = FloatBuffer.allocate(3 * 4);
        ExampleBuffers.features(view, order, 1, 4, x);
        float[] expected = new float[12];
        view.copyFeatures(new int[] {0, 2, 1}, expected, 0);
        assertArrayEquals(expected, x.array());
        LongBuffer y = LongBuffer.allocate(3);
        ExampleBuffers.labels(view, order, 1, 4, y);
        assertArrayEquals(new long[] {view.label(0), view.label(2), view.label(1)}, y.array());
    }

    @Test
    void targetsFollowTheirRows() {
        Examples own = ExamplesTest.six().select(new int[] {3, 1}).withFeaturesAsTargets();
        FloatBuffer t = FloatBuffer.allocate(8);
        ExampleBuffers.targets(own, t);
        assertArrayEquals(own.targets(), t.array());
        Examples regression = ExamplesTest.six().subset(2).withTargets(new float[] {0.5f, -1f}, 1);
        FloatBuffer r = FloatBuffer.allocate(2);
        ExampleBuffers.targets(regression, new int[] {1, 0}, 0, 2, r);
        assertArrayEquals(new float[] {-1f, 0.5f}, r.array());
    }

    @Test
    void anOrderOutsideTheSetIsRefusedWithTheIndex() {
        Examples six = ExamplesTest.six();
        String message = assertThrows(IndexOutOfBoundsException.class,
                () -> ExampleBuffers.features(six, new int[] {0, 6}, 0, 2, FloatBuffer.allocate(8))).getMessage();
        assertTrue(message.contains("example 6 does not exist"), message);
        assertThrows(IllegalStateException.class, () -> ExampleBuffers.targets(six, FloatBuffer.allocate(24)));
    }
}
