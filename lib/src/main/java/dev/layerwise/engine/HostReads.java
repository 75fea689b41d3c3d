package dev.layerwise.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads of training numbers from native memory into Java, counted. On a GPU each read waits for
 * the device to finish its queued work, and on any device it costs a native call; the training
 * loop and its default callbacks read only through here, so a test can show that a step nobody
 * watches reads nothing back.
 */
public final class HostReads {
    private static final AtomicLong COUNT = new AtomicLong();

    private HostReads() {}

    /**
     * The first value of an array as a double, e.g. a scalar loss.
     *
     * @param scalar an array of one value (or more: the first is read)
     * @return the value
     */
    public static double scalar(NDArray scalar) {
        COUNT.incrementAndGet();
        // toFloatArray costs a fifth of getFloat; no conversion op for the usual float32 loss
        return scalar.getDataType() == DataType.FLOAT32 ? scalar.toFloatArray()[0]
                : scalar.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    /**
     * All values of an integer array as longs, e.g. counts.
     *
     * @param counts the array
     * @return its values
     */
    public static long[] longs(NDArray counts) {
        COUNT.incrementAndGet();
        return counts.getDataType() == DataType.INT64 ? counts.toLongArray()
                : counts.toType(DataType.INT64, false).toLongArray();
    }

    /**
     * All values of an array as floats.
     *
     * @param values the array
     * @return its values
     */
    public static float[] floats(NDArray values) {
        COUNT.incrementAndGet();
        return values.getDataType() == DataType.FLOAT32 ? values.toFloatArray()
                : values.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Counts a read made by other means, such as a direct view of the engine's memory. */
    public static void record() {
        COUNT.incrementAndGet();
    }

    /** @return reads made through this class since the process started */
    public static long total() {
        return COUNT.get();
    }
}
