package dev.layerwise.data;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Copies examples into NIO buffers in bulk: the way a set goes into native memory (a tensor's own
 * memory seen as a direct buffer) without an intermediate Java array or a per-value loop. Rows
 * stored in one run go in one bulk copy; a selection of rows goes row by row. Values are copied
 * unchanged, so a tensor filled here holds exactly the floats of the examples.
 */
public final class ExampleBuffers {
    /** Floats per bulk copy: 1 MB, short enough for the JVM to reach a safepoint between pieces. */
    private static final int CHUNK = 1 << 18;

    private ExampleBuffers() {}

    /**
     * Copies every example's features, in row order.
     *
     * @param examples the examples
     * @param dest room for {@code size() × sampleSize()} values from its position, which advances
     */
    public static void features(Examples examples, FloatBuffer dest) {
        copy(examples.featureArray(), examples, 0, examples.size(), examples.sampleSize(), dest);
    }

    /**
     * Copies every example's target row, in row order.
     *
     * @param examples examples with targets
     * @param dest room for {@code size() × targetSize()} values from its position, which advances
     */
    public static void targets(Examples examples, FloatBuffer dest) {
        requireTargets(examples);
        copy(examples.targetArray(), examples, 0, examples.size(), examples.targetSize(), dest);
    }

    /**
     * Copies every example's class label as a 64-bit integer, the index type PyTorch's losses take.
     *
     * @param examples labelled examples
     * @param dest room for {@code size()} values from its position, which advances
     */
    public static void labels(Examples examples, LongBuffer dest) {
        requireLabels(examples);
        for (int i = 0; i < examples.size(); i++) {
            dest.put(examples.labelAt(i));
        }
    }

    /**
     * Copies the features of the examples {@code order[from] … order[to - 1]}: one batch of an epoch.
     *
     * @param examples the examples
     * @param order indices into the examples, e.g. an epoch order
     * @param from first position in order
     * @param to one past the last position
     * @param dest room for {@code (to - from) × sampleSize()} values
     */
    public static void features(Examples examples, int[] order, int from, int to, FloatBuffer dest) {
        rows(examples.featureArray(), examples, order, from, to, examples.sampleSize(), dest);
    }

    /**
     * Copies the target rows of the examples {@code order[from] … order[to - 1]}.
     *
     * @param examples examples with targets
     * @param order indices into the examples
     * @param from first position in order
     * @param to one past the last position
     * @param dest room for {@code (to - from) × targetSize()} values
     */
    public static void targets(Examples examples, int[] order, int from, int to, FloatBuffer dest) {
        requireTargets(examples);
        rows(examples.targetArray(), examples, order, from, to, examples.targetSize(), dest);
    }

    /**
     * Copies the labels of the examples {@code order[from] … order[to - 1]} as 64-bit integers.
     *
     * @param examples labelled examples
     * @param order indices into the examples
     * @param from first position in order
     * @param to one past the last position
     * @param dest room for {@code to - from} values
     */
    public static void labels(Examples examples, int[] order, int from, int to, LongBuffer dest) {
        requireLabels(examples);
        for (int k = from; k < to; k++) {
            dest.put(examples.labelAt(index(examples, order[k])));
        }
    }

    private static void copy(float[] values, Examples examples, int from, int to, int width, FloatBuffer dest) {
        if (examples.storedInOneRun()) {
            int start = examples.physicalRow(from) * width;
            putInPieces(values, start, start + (to - from) * width, dest);
            return;
        }
        for (int i = from; i < to; i++) {
            dest.put(values, examples.physicalRow(i) * width, width);
        }
    }

    /**
     * Copies {@code values[from … to)} in 1 MB pieces: one bulk copy runs without a safepoint, so a
     * copy of a whole set on a background thread would hold up the training thread's next garbage
     * collection until it ends (64 ms for Fashion-MNIST's 188 MB, measured).
     */
    static void putInPieces(float[] values, int from, int to, FloatBuffer dest) {
        for (int at = from; at < to; at += CHUNK) {
            dest.put(values, at, Math.min(CHUNK, to - at));
        }
    }

    private static void rows(float[] values, Examples examples, int[] order, int from, int to, int width,
            FloatBuffer dest) {
        for (int k = from; k < to; k++) {
            dest.put(values, examples.physicalRow(index(examples, order[k])) * width, width);
        }
    }

    private static int index(Examples examples, int i) {
        if (i < 0 || i >= examples.size()) {
            throw new IndexOutOfBoundsException(examples.name() + ": example " + i + " does not exist; indices run"
                    + " from 0 to " + (examples.size() - 1));
        }
        return i;
    }

    /** Refuses examples without targets, saying how to add them; shared with {@link NativeMirror}. */
    static void requireTargets(Examples examples) {
        if (!examples.hasTargets()) {
            throw new IllegalStateException(examples.name() + " has no targets; add them with withTargets(...) or"
                    + " withFeaturesAsTargets()");
        }
    }

    private static void requireLabels(Examples examples) {
        if (!examples.hasLabels()) {
            throw new IllegalStateException(examples.name() + " has no labels; it is unlabeled");
        }
    }
}
