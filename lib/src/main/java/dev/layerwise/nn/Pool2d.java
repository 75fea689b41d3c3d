package dev.layerwise.nn;

/** Output shapes and checks shared by the 2-D pooling layers. */
final class Pool2d {
    private Pool2d() {}

    static void check(String op, int size, int stride) {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException(op + "(size=" + size + ", stride=" + stride
                    + "): window and stride must be at least 1, e.g. " + op + "(2).");
        }
    }

    static long[] outputShape(String name, int size, int stride, long[] in) {
        if (in.length != 3) {
            throw new ShapeMismatchException(name, in, "an image [channels, height, width]",
                    "Pool before .flatten(), after a conv2d layer.");
        }
        if (in[1] < size || in[2] < size) {
            throw new ShapeMismatchException(name, in, "height and width of at least " + size + " (the window)",
                    "Use a smaller window or fewer pooling layers.");
        }
        return new long[] {in[0], (in[1] - size) / stride + 1, (in[2] - size) / stride + 1};
    }

    static String settings(int size, int stride) {
        return size + "×" + size + (stride != size ? ", stride " + stride : "");
    }
}
