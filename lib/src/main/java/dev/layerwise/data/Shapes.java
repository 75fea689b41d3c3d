package dev.layerwise.data;

import java.util.Arrays;
import java.util.Locale;

/** Small helpers for sample shapes and numbers in messages; package-private. */
final class Shapes {
    private Shapes() {}

    /** Number of elements in one sample of this shape; rejects empty or non-positive shapes. */
    static int size(int[] shape, String what) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException(what + " is empty: a sample needs at least one dimension,"
                    + " e.g. {784} for a flat image or {1, 28, 28} for a one-channel image");
        }
        long n = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(what + " " + format(shape)
                        + " has a dimension < 1; every dimension must be at least 1");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " " + format(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements per sample");
            }
        }
        return (int) n;
    }

    /** A shape as {@code [1, 28, 28]}. */
    static String format(int[] shape) {
        return shape == null ? "[]" : Arrays.toString(shape);
    }

    /** A count with thousands separators, as {@code 60,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The side of a square with this many elements, or -1 when it is not a perfect square. */
    static int squareSide(int n) {
        int side = (int) Math.round(Math.sqrt(n));
        return side * side == n ? side : -1;
    }
}
