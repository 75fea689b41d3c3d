package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Shapes;

/**
 * A set of examples copied once to the device: features [n, ...] as float32 and labels as int64.
 * Each epoch then takes one gather in the epoch's order, and batches are contiguous slices of it.
 */
final class DeviceData implements AutoCloseable {
    private final Examples examples;
    private final NDArray features;
    private final NDArray labels;

    DeviceData(Examples examples, NDManager manager, Device device) {
        this.examples = examples;
        int n = examples.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        float[] x = new float[Math.multiplyExact(n, examples.sampleSize())];
        examples.copyFeatures(rows, x, 0);
        long[] shape = Shapes.batched(n, Shapes.of(examples.sampleShape()));
        this.features = manager.create(x, new Shape(shape)).toDevice(device, false);
        int[] y = new int[n];
        if (examples.hasLabels()) {
            examples.copyLabels(rows, y, 0);
        }
        long[] y64 = new long[n];
        for (int i = 0; i < n; i++) {
            y64[i] = y[i];
        }
        this.labels = manager.create(y64).toDevice(device, false);
    }

    Examples examples() {
        return examples;
    }

    NDArray features() {
        return features;
    }

    NDArray labels() {
        return labels;
    }

    /** Features and labels in the given order, created in the caller's scope. */
    NDArray[] ordered(int[] order) {
        NDArray index = labels.getManager().create(toLongs(order)).toDevice(labels.getDevice(), false);
        return new NDArray[] {features.get(index), labels.get(index)};
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void close() {
        features.close();
        labels.close();
    }
}
