package dev.layerwise.data;

/** The validations behind {@link Examples}, with the messages users see; package-private. */
final class Checks {
    private Checks() {}

    /** A required array is there. */
    static void present(String name, String what, Object array, String expected) {
        if (array == null) {
            throw new IllegalArgumentException((name == null ? "examples" : name) + ": " + what + " is null; expected "
                    + expected + ".");
        }
    }

    /** One label per example, each in [0, numClasses). */
    static void labels(String name, int[] labels, int numClasses, int size) {
        if (labels.length != size) {
            throw new IllegalArgumentException(name + ": " + Shapes.count(labels.length) + " labels for "
                    + Shapes.count(size) + " examples; there must be exactly one label per example");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException(name + ": numClasses is " + numClasses
                    + "; labeled data needs at least 1 class");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label of example " + i + " is " + labels[i]
                        + ", outside [0, " + numClasses + "); class ids run from 0 to numClasses - 1"
                        + " (is numClasses too small, or are the labels 1-based?)");
            }
        }
    }

    /** Every value finite; names the first bad value by example and position. */
    static void finite(String name, String what, float[] values, int rowSize) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": " + what + " " + (i % rowSize) + " of example "
                        + (i / rowSize) + " is " + values[i] + "; every value must be finite"
                        + " (replace or drop NaN/Inf values before building the data set)");
            }
        }
    }

    /** The buffer has room for count rows of perRow values from destOffset. */
    static void room(String method, int count, int perRow, int destLength, int destOffset) {
        long needed = (long) count * perRow;
        if (destOffset < 0 || destOffset + needed > destLength) {
            throw new IllegalArgumentException(method + ": " + count + " examples need " + needed
                    + " values from offset " + destOffset + ", but the buffer has " + destLength
                    + "; allocate at least offset + " + needed);
        }
    }
}
