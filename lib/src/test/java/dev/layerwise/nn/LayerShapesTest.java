package dev.layerwise.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Every layer's declared output shape and parameter count, and that the engine agrees. */
@Tag("engine")
class LayerShapesTest {

    /** Runs a layer on a real batch of 2 and checks the output shape against the declared one. */
    private static long[] runOnEngine(Layer layer, long[] in) {
        Layerwise.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new HashMap<>();
            for (ParamSpec p : layer.params(in)) {
                float[] v = new float[(int) p.size()];
                Init init = p.role() == ParamSpec.Role.RUNNING_VAR || p.role() == ParamSpec.Role.GAMMA
                        ? Init.ones() : Init.normal(0, 0.1);
                init.fill(v, p, new Random(1));
                arrays.put(p.name(), m.create(v, new Shape(p.shape())));
            }
            NDArray x = m.randomNormal(new Shape(Shapes.batched(2, in)));
            NDArray out = layer.forward(x, arrays::get, true);
            long[] shape = out.getShape().getShape();
            long[] perExample = new long[shape.length - 1];
            System.arraycopy(shape, 1, perExample, 0, perExample.length);
            assertEquals(2, shape[0], "batch axis kept");
            return perExample;
        }
    }

    private static long params(Layer layer, long[] in) {
        return layer.params(in).stream().filter(p -> p.role().trainable()).mapToLong(ParamSpec::size).sum();
    }

    @Test
    void denseMapsFeaturesToUnitsWithWeightsAndBiases() {
        Layer dense = new Dense("d", 30, null, null);
        long[] in = {784};
        assertArrayEquals(new long[] {30}, dense.outputShape(in));
        assertEquals(784 * 30 + 30, params(dense, in));
        assertArrayEquals(new long[] {30}, runOnEngine(dense, in));
    }

    @Test
    void conv2dShrinksByKernelAndCountsKernelWeights() {
        Layer conv = new Conv2d("c", 6, 5, 1, 0, null, null);
        long[] in = {1, 28, 28};
        assertArrayEquals(new long[] {6, 24, 24}, conv.outputShape(in));
        assertEquals(6 * 1 * 5 * 5 + 6, params(conv, in));
        assertArrayEquals(new long[] {6, 24, 24}, runOnEngine(conv, in));
        Layer padded = new Conv2d("p", 4, 3, 2, 1, null, null);
        assertArrayEquals(new long[] {4, 14, 14}, padded.outputShape(in));
        assertArrayEquals(new long[] {4, 14, 14}, runOnEngine(padded, in));
    }

    @Test
    void poolingHalvesImagesAndHasNoParameters() {
        long[] in = {6, 24, 24};
        for (Layer pool : List.of(new MaxPool("m", 2, 2), new AvgPool("a", 2, 2))) {
            assertArrayEquals(new long[] {6, 12, 12}, pool.outputShape(in), pool.kind());
            assertEquals(0, params(pool, in));
            assertArrayEquals(new long[] {6, 12, 12}, runOnEngine(pool, in), pool.kind());
        }
        assertArrayEquals(new long[] {6, 11, 11}, new MaxPool("m", 3, 2).outputShape(in));
    }

    @Test
    void flattenMultipliesDimensions() {
        Layer flatten = new Flatten("f");
        assertArrayEquals(new long[] {256}, flatten.outputShape(new long[] {16, 4, 4}));
        assertArrayEquals(new long[] {256}, runOnEngine(flatten, new long[] {16, 4, 4}));
    }

    @Test
    void dropoutAndActivationsKeepTheShape() {
        long[] in = {30};
        assertArrayEquals(in, runOnEngine(new Dropout("d", 0.5), in));
        for (Activation.Function f : Activation.Function.values()) {
            Layer a = new Activation("a", f, 0.1);
            assertArrayEquals(in, a.outputShape(in), f.name());
            assertEquals(0, params(a, in));
            assertArrayEquals(in, runOnEngine(a, in), f.name());
        }
    }

    @Test
    void batchNormLearnsScaleAndShiftPerFeatureOrChannel() {
        Layer bn = new BatchNorm("b", 0.1, 1e-5);
        assertEquals(60, params(bn, new long[] {30}));
        assertEquals(4, bn.params(new long[] {30}).size(), "gamma, beta and two running statistics");
        assertArrayEquals(new long[] {30}, runOnEngine(bn, new long[] {30}));
        assertEquals(12, params(bn, new long[] {6, 12, 12}));
        assertArrayEquals(new long[] {6, 12, 12}, runOnEngine(bn, new long[] {6, 12, 12}));
    }

    @Test
    void lenetStyleNetHasTheExpectedShapesAndTotal() {
        Net net = Net.input(1, 28, 28).conv2d(6, 5, 1, 2).relu().maxPool(2).conv2d(16, 5).relu().maxPool(2)
                .flatten().dense(120).relu().dense(84).relu().dense(10);
        assertArrayEquals(new long[] {16, 5, 5}, net.outputShapeOf(5));
        assertArrayEquals(new long[] {400}, net.outputShapeOf(6));
        assertArrayEquals(new long[] {10}, net.outputShape());
        long expected = (6 * 25 + 6) + (16 * 6 * 25 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
        assertEquals(expected, net.paramCount());
    }
}
