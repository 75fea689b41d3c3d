package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.layerwise.engine.HostReads;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Reads a float32 array's values for statistics: a view of the engine's memory on the CPU, a copy elsewhere. */
final class Values {
    private Values() {}

    /** The values, valid until the array changes or is closed; read them at once. */
    static FloatBuffer of(NDArray a) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("Statistics read float32 arrays; '" + a.getName() + "' is "
                    + a.getDataType() + ". Train in float32 (the default).");
        }
        HostReads.record();
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Copies the values into {@code into} when it has the right length, else into a new array. */
    static float[] copy(FloatBuffer values, float[] into) {
        float[] out = into != null && into.length == values.limit() ? into : new float[values.limit()];
        values.get(0, out);
        return out;
    }
}
