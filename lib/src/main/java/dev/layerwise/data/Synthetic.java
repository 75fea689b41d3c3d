package dev.layerwise.data;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Generators behind {@link Datasets#twoMoons}, {@link Datasets#spirals} and {@link Datasets#blobs};
 * package-private. Every generator labels point i with class {@code i % classes} (so the classes are
 * exactly balanced), shuffles the points with the seed and holds out the last 20% as the test set.
 */
final class Synthetic {
    /** The share of points held out as the test set. */
    static final double TEST_FRACTION = 0.2;

    private Synthetic() {}

    static Dataset twoMoons(int n, double noise, long seed) {
        check("twoMoons", n, 2, noise);
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * r.nextDouble();
            y[i] = i % 2;
            double px = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + noise * r.nextGaussian());
            x[2 * i + 1] = (float) (py + noise * r.nextGaussian());
        }
        return finish("two-moons", x, 2, y, 2, seed);
    }

    static Dataset spirals(int n, int classes, double noise, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("spirals(n, " + classes + ", …): need at least 2 classes (arms)");
        }
        check("spirals", n, classes, noise);
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            double t = r.nextDouble();
            double angle = 2 * Math.PI * y[i] / classes + 4.0 * t;
            x[2 * i] = (float) (t * Math.cos(angle) + noise * r.nextGaussian());
            x[2 * i + 1] = (float) (t * Math.sin(angle) + noise * r.nextGaussian());
        }
        return finish("spirals", x, 2, y, classes, seed);
    }

    static Dataset blobs(int n, int classes, int dims, double spread, long seed) {
        if (classes < 1 || dims < 1) {
            throw new IllegalArgumentException("blobs(n, " + classes + ", " + dims
                    + ", …): need at least 1 class and 1 dimension");
        }
        check("blobs", n, classes, spread);
        Random r = new Random(seed);
        double[][] centers = new double[classes][dims];
        for (double[] center : centers) {
            for (int d = 0; d < dims; d++) {
                center[d] = -10 + 20 * r.nextDouble();
            }
        }
        float[] x = new float[n * dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dims; d++) {
                x[i * dims + d] = (float) (centers[y[i]][d] + spread * r.nextGaussian());
            }
        }
        return finish("blobs", x, dims, y, classes, seed);
    }

    private static void check(String method, int n, int classes, double noise) {
        if (n < 5 * classes) {
            throw new IllegalArgumentException(method + "(" + n + ", …): " + n + " points are too few for "
                    + classes + " classes; use at least " + 5 * classes + " so that train and test both hold"
                    + " every class");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(method + ": noise/spread " + noise + " must be a finite number ≥ 0");
        }
    }

    /** Shuffles all points with the seed and holds out the last 20% as test. */
    private static Dataset finish(String name, float[] x, int dims, int[] y, int classes, long seed) {
        int n = y.length;
        int[] order = Dataset.permutation(n, new SplittableRandom(seed));
        float[] sx = new float[x.length];
        int[] sy = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, order[i] * dims, sx, i * dims, dims);
            sy[i] = y[order[i]];
        }
        Examples all = Examples.wrap(name, sx, new int[] {dims}, sy, classes);
        int nTest = (int) Math.round(n * TEST_FRACTION);
        return Dataset.of(all.slice(0, n - nTest).named(name + "/train"),
                all.slice(n - nTest, n).named(name + "/test")).named(name).seed(seed);
    }
}
