package dev.layerwise.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In-place arithmetic with reused scalars gives, to the bit, what DJL's {@code muli(Number)} and
 * {@code addi(Number)} give with a fresh scalar each time: the optimizers' updates did not change.
 */
@Tag("engine")
class TorchScalarsTest {
    private static final double[] VALUES = {0.1, 0.02, 1 - 0.9, 1 - 0.999, 1e-8, 0.9 * 0.37, -3.0e-5, 1.0 / 3};

    @Test
    void reusedScalarsGiveTheSameBitsAsDjlsNumberOperands() {
        Layerwise.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(0, 3, new Shape(1000), ai.djl.ndarray.types.DataType.FLOAT32);
            for (double v : VALUES) {
                assertArrayEquals(a.duplicate().muli(v).toFloatArray(), Torch.muli(a.duplicate(), v).toFloatArray(),
                        "a * " + v);
                assertArrayEquals(a.duplicate().addi(v).toFloatArray(), Torch.addi(a.duplicate(), v).toFloatArray(),
                        "a + " + v);
                assertArrayEquals(a.mul(v).toFloatArray(), a.mul(Torch.scalar(v, a)).toFloatArray(), "a * " + v);
            }
        }
    }

    @Test
    void aValueUsedAgainIsTheSameNativeScalar() {
        Layerwise.engine();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(3));
            assertSame(Torch.scalar(0.25, a), Torch.scalar(0.25, a));
        }
    }
}
