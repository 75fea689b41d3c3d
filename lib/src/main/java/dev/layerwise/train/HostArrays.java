package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.function.Consumer;

/**
 * Native CPU arrays filled from Java in one bulk copy: the engine allocates the array (uninitialised,
 * aligned as its own results are) and Java writes into its memory through a direct-buffer view. One
 * native call and one pass over the values, with no Java array or direct buffer in between. Or, for
 * memory that is already native (a set's {@link dev.layerwise.data.NativeMirror}), an array wrapping it.
 */
final class HostArrays {
    private HostArrays() {}

    /** A float32 CPU array of the given shape, filled by {@code fill} in row-major order. */
    static NDArray floats(NDManager manager, long[] shape, Consumer<FloatBuffer> fill) {
        return filled(manager, shape, DataType.FLOAT32, bytes -> fill.accept(bytes.asFloatBuffer()));
    }

    /** An int64 CPU array of the given shape, filled by {@code fill} in row-major order. */
    static NDArray longs(NDManager manager, long[] shape, Consumer<LongBuffer> fill) {
        return filled(manager, shape, DataType.INT64, bytes -> fill.accept(bytes.asLongBuffer()));
    }

    /**
     * A float32 CPU array over a direct buffer's memory, without a copy (PyTorch's {@code from_blob}):
     * the array keeps the buffer reachable, and closing the array leaves the memory to the buffer.
     *
     * @param buffer a direct buffer of exactly the shape's floats, in native byte order
     */
    static NDArray wrapped(NDManager manager, long[] shape, ByteBuffer buffer) {
        if (!buffer.isDirect() || !manager.getDevice().equals(Device.cpu())) {
            throw new IllegalArgumentException("Only a direct buffer can be wrapped, by a CPU manager; got "
                    + buffer + " and " + manager.getDevice());
        }
        return manager.create(buffer, new Shape(shape), DataType.FLOAT32);
    }

    private static NDArray filled(NDManager manager, long[] shape, DataType type, Consumer<ByteBuffer> fill) {
        Shape s = new Shape(shape);
        long bytes = s.size() * type.getNumOfBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A data set of " + s + " " + type + " values (" + bytes + " bytes) is"
                    + " larger than one native array can be filled from Java (2 GiB); use a subset, or fewer"
                    + " features per example.");
        }
        if (manager.getDevice().equals(Device.cpu())) {
            NDArray a = manager.create(s, type);
            ByteBuffer view = a.toByteBuffer(true);
            if (view.isDirect() && view.capacity() == bytes) { // the array's own memory, not a copy of it
                fill.accept(view.order(ByteOrder.nativeOrder()));
                return a;
            }
            a.close();
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        fill.accept(buffer);
        buffer.rewind();
        return manager.create(buffer, s, type).toDevice(Device.cpu(), false);
    }
}
