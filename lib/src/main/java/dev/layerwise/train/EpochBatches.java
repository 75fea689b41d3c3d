package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;

/**
 * Where one epoch's batches come from. Normally from the set's arrays in native memory (a view of the
 * set's shared mirror, or a copy: see {@link DeviceData}), gathered there by the epoch's order. While
 * those are still being made (a fresh learner's first {@code fit} when the set's mirror is not done
 * yet, see {@link DataUpload}), the first batches are gathered on the host from the Java arrays
 * instead, and the epoch switches to native memory at the first batch after it is done: so training
 * starts at once instead of waiting for the whole set. Both give each batch exactly the same values in
 * the same order, so the steps and their results are the same. An epoch's augmented set is copied for
 * that epoch alone and freed when it ends.
 */
final class EpochBatches implements AutoCloseable {
    private final Examples examples;
    private final int[] order;
    private final NDManager manager;
    private final DataUpload upload;
    private DeviceData.Ordered ordered;
    /** The order (and a selection's stored rows) sent at the switch: made in a step's scope, kept to epoch end. */
    private NDArray[] switchedOrder = new NDArray[0];

    /** Batches from {@code ordered} when it is given, else from the host until {@code upload} is done. */
    EpochBatches(Examples examples, int[] order, NDManager manager, DataUpload upload, DeviceData.Ordered ordered) {
        this.examples = examples;
        this.order = order;
        this.manager = manager;
        this.upload = upload;
        this.ordered = ordered;
    }

    /**
     * The batches of an epoch (counted from 0) of a learner's data; arrays made here live in the
     * caller's scope (the epoch's).
     */
    static EpochBatches of(TrainingState state, Dataset data, int epoch, Device device) {
        Examples set = data.epochExamples(epoch); // train() itself, or this epoch's augmented copy
        int[] order = data.epochOrder(epoch);
        if (set != data.train()) {
            return ready(new DeviceData(set, state.manager(), device, false).ordered(order)); // freed with the epoch
        }
        if (!Device.Type.CPU.equals(device.getDeviceType())) { // another device: copied there on this thread
            return ready(state.deviceData(set).ordered(order));
        }
        DataUpload upload = state.upload(set);
        if (upload.isDone()) {
            return ready(upload.await().ordered(order));
        }
        return new EpochBatches(set, order, state.manager(), upload, null);
    }

    private static EpochBatches ready(DeviceData.Ordered ordered) {
        return new EpochBatches(null, null, null, null, ordered);
    }

    /** Inputs and targets of the order's positions {@code from} to {@code to}. */
    DeviceData.Batch batch(int from, int to) {
        if (ordered == null && upload.isDone()) {
            ordered = upload.await().ordered(order);
            switchedOrder = java.util.stream.Stream.of(ordered.order(), ordered.storedOrder())
                    .filter(a -> a != null).toArray(NDArray[]::new);
            NDScope.unregister(switchedOrder);
        }
        return ordered != null ? ordered.batch(from, to) : DeviceData.hostBatch(examples, order, from, to, manager);
    }

    /** @return whether the batches are still gathered on the host (the native copy is not done yet) */
    boolean onHost() {
        return ordered == null;
    }

    /** Ends the epoch; a native copy not done yet is finished now, so that after a fit the learner holds its data. */
    @Override
    public void close() {
        if (ordered == null && upload != null) {
            upload.await();
        }
        for (NDArray a : switchedOrder) {
            a.close();
        }
    }
}
