package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A residual block computes {@code body(x) + shortcut(x)}: its output on the engine equals the same
 * arithmetic written out here in plain Java loops (dense products, convolutions with stride and
 * padding, ReLU, the sum), in float64, for a dense block with an identity shortcut and a conv block
 * with a 1×1 strided projection. Global average pooling is checked the same way.
 */
@Tag("engine")
class ResidualForwardTest {
    private static final double EXACT = 1e-12;

    @BeforeAll
    static void engine() {
        Layerwise.engine();
    }

    @Test
    void aDenseBlockWithAnIdentityShortcutAddsItsInputToItsBody() {
        Residual block = (Residual) Net.input(3).residual(b -> b.dense(4).relu().dense(3)).layer("res_1");
        int batch = 2;
        double[] x = random(batch * 3, 1);
        Map<String, double[]> p = randomParams(block, new long[] {3}, 2);
        double[] expected = new double[batch * 3];
        for (int n = 0; n < batch; n++) {
            double[] in = java.util.Arrays.copyOfRange(x, n * 3, n * 3 + 3);
            double[] h = relu(dense(in, p.get("dense_1.weight"), p.get("dense_1.bias"), 4));
            double[] y = dense(h, p.get("dense_2.weight"), p.get("dense_2.bias"), 3);
            for (int j = 0; j < 3; j++) {
                expected[n * 3 + j] = y[j] + in[j];
            }
        }
        assertArrayEquals(expected, run(block, x, new long[] {batch, 3}, p), EXACT);
    }

    @Test
    void aStridedConvBlockWithAProjectionAddsTheProjectedInputToItsBody() {
        Residual block = (Residual) Net.input(2, 5, 5).residual(b -> b.conv2d(3, 3, 2, 1).relu().conv2d(3, 3, 1, 1),
                Shortcut.projection()).layer("res_1");
        assertArrayEquals(new long[] {3, 3, 3}, block.outputShape(new long[] {2, 5, 5}));
        int batch = 2;
        double[] x = random(batch * 2 * 25, 3);
        Map<String, double[]> p = randomParams(block, new long[] {2, 5, 5}, 4);
        double[] expected = new double[batch * 27];
        for (int n = 0; n < batch; n++) {
            double[] in = java.util.Arrays.copyOfRange(x, n * 50, n * 50 + 50);
            double[] h = relu(conv(in, 2, 5, p.get("conv2d_1.weight"), p.get("conv2d_1.bias"), 3, 3, 2, 1));
            double[] body = conv(h, 3, 3, p.get("conv2d_2.weight"), p.get("conv2d_2.bias"), 3, 3, 1, 1);
            double[] shortcut = conv(in, 2, 5, p.get("shortcut.conv2d_1.weight"), p.get("shortcut.conv2d_1.bias"), 3,
                    1, 2, 0);
            assertEquals(27, body.length);
            for (int j = 0; j < 27; j++) {
                expected[n * 27 + j] = body[j] + shortcut[j];
            }
        }
        assertArrayEquals(expected, run(block, x, new long[] {batch, 2, 5, 5}, p), EXACT);
    }

    @Test
    void globalAveragePoolingAveragesEachChannelOverHeightAndWidth() {
        Layer pool = Net.input(3, 2, 4).globalAvgPool().layers().get(0);
        double[] x = random(2 * 3 * 8, 5);
        double[] expected = new double[2 * 3];
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < 8; k++) {
                expected[i] += x[i * 8 + k] / 8;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(expected, pool.forward(m.create(x, new Shape(2, 3, 2, 4)), LayerParams.NONE, true)
                    .toDoubleArray(), EXACT);
        }
    }

    private static double[] run(Residual block, double[] x, long[] shape, Map<String, double[]> p) {
        long[] in = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (ParamSpec spec : block.params(in)) {
                arrays.put(spec.name(), m.create(p.get(spec.name()), new Shape(spec.shape())));
            }
            return block.forward(m.create(x, new Shape(shape)), arrays::get, true).toDoubleArray();
        }
    }

    private static Map<String, double[]> randomParams(Residual block, long[] in, long seed) {
        Map<String, double[]> p = new LinkedHashMap<>();
        Random r = new Random(seed);
        List<ParamSpec> specs = block.params(in);
        for (ParamSpec s : specs) {
            double[] v = new double[(int) s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 2 * r.nextDouble() - 1;
            }
            p.put(s.name(), v);
        }
        return p;
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    /** W [out, in] times x, plus b. */
    private static double[] dense(double[] x, double[] w, double[] b, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            y[o] = b[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += w[o * x.length + i] * x[i];
            }
        }
        return y;
    }

    private static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    /** One example [c, side, side] through a square convolution with zero padding. */
    private static double[] conv(double[] x, int c, int side, double[] w, double[] b, int filters, int k, int stride,
            int pad) {
        int out = (side + 2 * pad - k) / stride + 1;
        double[] y = new double[filters * out * out];
        for (int f = 0; f < filters; f++) {
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < out; j++) {
                    double s = b[f];
                    for (int ch = 0; ch < c; ch++) {
                        for (int di = 0; di < k; di++) {
                            for (int dj = 0; dj < k; dj++) {
                                int row = i * stride + di - pad;
                                int col = j * stride + dj - pad;
                                if (row >= 0 && row < side && col >= 0 && col < side) {
                                    s += w[((f * c + ch) * k + di) * k + dj] * x[(ch * side + row) * side + col];
                                }
                            }
                        }
                    }
                    y[(f * out + i) * out + j] = s;
                }
            }
        }
        return y;
    }
}
