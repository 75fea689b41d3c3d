package dev.layerwise.nn;

import java.util.Arrays;

/** Small helpers for per-example shapes, written as {@code long[]} without the batch axis. */
public final class Shapes {
    private Shapes() {}

    /**
     * Formats a shape the way summaries and errors show it.
     *
     * @param shape a per-example shape
     * @return e.g. {@code [1, 28, 28]}
     */
    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Formats an int shape, as data sets report theirs.
     *
     * @param shape a per-example shape
     * @return e.g. {@code [784]}
     */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The number of elements in one example of this shape.
     *
     * @param shape a per-example shape
     * @return the product of the dimensions
     */
    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Converts an int shape to long.
     *
     * @param shape a shape
     * @return the same dimensions as longs
     */
    public static long[] of(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    /**
     * The shape of a batch: the batch size followed by the per-example shape.
     *
     * @param batch the batch size
     * @param shape the per-example shape
     * @return {@code [batch, shape...]}
     */
    public static long[] batched(long batch, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = batch;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
