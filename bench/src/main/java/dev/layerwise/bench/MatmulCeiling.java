package dev.layerwise.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;
import java.util.Locale;

/**
 * The machine's practical ceiling for float32 matrix multiply through libtorch: the best GFLOP/s
 * of square products, after warm-up. Workload throughputs are reported as a fraction of it.
 */
final class MatmulCeiling {
    private MatmulCeiling() {}

    static String measure(int threads, int size, int repeats) {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before the first JNI call
        JniUtils.setNumThreads(threads);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(size, size));
            NDArray b = m.randomUniform(-1, 1, new Shape(size, size));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            double[] gflops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // the product is computed eagerly; this only touches it
                }
                double s = (System.nanoTime() - t0) / 1e9;
                gflops[r] = 2.0 * size * size * size / s / 1e9;
            }
            double best = Arrays.stream(gflops).max().orElseThrow();
            return String.format(Locale.ROOT, "{\"impl\": \"djl\", \"matmul\": %d, \"threads\": %d, \"gflops\": %.2f}",
                    size, threads, best);
        }
    }
}
