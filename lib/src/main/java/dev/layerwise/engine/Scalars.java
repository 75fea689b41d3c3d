package dev.layerwise.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scalar operands for in-place arithmetic, made once and reused. DJL's {@code a.muli(0.9)} makes a
 * fresh native float64 scalar for every call (a buffer, a copy into libtorch, a free: three native
 * calls around the one that multiplies), which libtorch then converts to the operand's float32 in
 * one more operation; an optimizer makes several such calls per parameter per step. The scalars
 * here are already float32 for float32 operands: the same conversion done once in Java (both round
 * to nearest), so results are the same to the bit. Each thread keeps its own small cache (a scalar is used by the thread that asked for it,
 * at once), evicting the least recently used, so a schedule that changes the rate every step
 * costs one new scalar per step and no growth.
 */
final class Scalars {
    /** Enough for every constant of every optimizer in a session; a changing rate cycles through it. */
    private static final int CAPACITY = 64;
    private static final ThreadLocal<Map<Key, NDArray>> CACHE = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, NDArray> eldest) {
                    if (size() > CAPACITY) {
                        eldest.getValue().close();
                        return true;
                    }
                    return false;
                }
            });

    private record Key(long bits, DataType type, Device device) {}

    private Scalars() {}

    /**
     * A scalar of this value on this device, not tied to any step's scope: float32 for a float32
     * operand, float64 otherwise.
     */
    static NDArray of(double value, DataType operand, Device device, NDManager manager) {
        DataType type = operand == DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        Key key = new Key(Double.doubleToRawLongBits(value), type, device);
        Map<Key, NDArray> cache = CACHE.get();
        NDArray s = cache.get(key);
        if (s == null) {
            NDArray made = type == DataType.FLOAT32 ? manager.create((float) value) : manager.create(value);
            s = device.equals(made.getDevice()) ? made : made.toDevice(device, false);
            if (s != made) {
                made.close();
            }
            NDScope.unregister(s); // kept across steps: the cache frees it
            cache.put(key, s);
        }
        return s;
    }
}
