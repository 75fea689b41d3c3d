package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.layerwise.data.ExampleBuffers;
import dev.layerwise.data.Examples;
import dev.layerwise.data.NativeMirror;
import dev.layerwise.engine.Torch;
import dev.layerwise.nn.Shapes;

/**
 * A set of examples in native memory on the device: features [n, ...] as float32, labels as int64 and
 * targets as float32 when the set has them. Each epoch sends its order to the device, and each batch
 * gathers its rows.
 *
 * <p>A set a learner keeps (its training set, its evaluation sets: {@link #shared}) wraps the set's
 * {@link NativeMirror} without a copy: the features (and targets) are views of memory every learner on
 * that set shares, as {@code torch.from_numpy} shares a NumPy array. A view whose rows are one run (the
 * whole set, a subset, a slice) is a slice of the mirror; a selection (a split's part) is the whole
 * mirror read through the selection's stored rows, so each batch gathers them from there. Only the
 * labels (8 bytes an example) and a selection's row numbers are this learner's own. A set too large for
 * a mirror, and a short-lived set (an epoch's augmented copy, examples to predict on), are copied
 * instead, one bulk copy per array into memory the engine allocated ({@link HostArrays}), and freed
 * when closed. On a GPU, the host arrays are the source of the one move to the device.
 */
final class DeviceData implements AutoCloseable {
    private final NDArray features;
    private final NDArray labels;
    private final NDArray targets;
    private final int classes;
    /** A selection's stored row of each example, in Java and on the device; null when rows are in order. */
    private final int[] storedRows;
    private final NDArray storedIndex;

    /**
     * The examples on the device: {@link #shared} or {@link #onHost} (when not {@code kept}), then one
     * move for a GPU. A selection goes to another device as a copy of its rows: the whole mirror there
     * would hold every stored row on the device for each part of a split.
     */
    DeviceData(Examples examples, NDManager manager, Device device, boolean kept) {
        this(kept ? shared(examples, manager, Device.Type.CPU.equals(device.getDeviceType()))
                : onHost(examples, manager), device);
    }

    private DeviceData(DeviceData host, Device device) {
        this.classes = host.classes;
        this.features = moved(host.features, device);
        this.labels = moved(host.labels, device);
        this.targets = moved(host.targets, device);
        this.storedRows = host.storedRows;
        this.storedIndex = moved(host.storedIndex, device);
    }

    private DeviceData(NDArray features, NDArray labels, NDArray targets, int classes, int[] storedRows) {
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        this.classes = classes;
        this.storedRows = storedRows;
        this.storedIndex = storedRows == null ? null : index(features.getManager(), storedRows);
    }

    /**
     * The examples copied into native CPU memory, one bulk copy per array: for sets used briefly, which
     * must be freed at once when closed. It makes no engine computation, so it may run on a thread of
     * its own (see {@link DataUpload}) while training uses the engine.
     */
    static DeviceData onHost(Examples examples, NDManager manager) {
        NDArray t = examples.hasTargets() ? copiedTargets(examples, manager) : null;
        return new DeviceData(copiedFeatures(examples, manager), labels(examples, manager), t, examples.numClasses(),
                null);
    }

    /**
     * The examples in native CPU memory for a set a learner keeps: features and targets wrap the set's
     * shared {@link NativeMirror} without a copy (made now, or awaited, if it is not there yet), or are
     * copied as by {@link #onHost} where the set gets no mirror; labels are copied. No engine
     * computation, as for {@link #onHost}; closing it never frees the mirror.
     *
     * @param selections whether a selection may read the whole mirror through its rows (else it is copied)
     */
    static DeviceData shared(Examples examples, NDManager manager, boolean selections) {
        NativeMirror.Rows x = NativeMirror.features(examples);
        NativeMirror.Rows t = examples.hasTargets() ? NativeMirror.targets(examples) : null;
        int[] stored = x != null && x.index() != null ? x.index() : t != null ? t.index() : null;
        if (stored != null && (!selections || x == null || (examples.hasTargets() && t == null))) {
            return onHost(examples, manager); // a selection reads every array through one row index, or none
        }
        NDArray xa = x != null
                ? HostArrays.wrapped(manager, Shapes.batched(x.rows(), Shapes.of(examples.sampleShape())), x.memory())
                : copiedFeatures(examples, manager);
        NDArray ta = null;
        if (examples.hasTargets()) {
            ta = t != null ? HostArrays.wrapped(manager, Shapes.batched(t.rows(), Shapes.of(examples.targetShape())),
                    t.memory()) : copiedTargets(examples, manager);
        }
        return new DeviceData(xa, labels(examples, manager), ta, examples.numClasses(), stored);
    }

    private static NDArray index(NDManager manager, int[] rows) {
        return HostArrays.longs(manager, new long[] {rows.length}, b -> {
            for (int r : rows) {
                b.put(r);
            }
        });
    }

    private static NDArray copiedFeatures(Examples examples, NDManager manager) {
        return HostArrays.floats(manager, Shapes.batched(examples.size(), Shapes.of(examples.sampleShape())),
                b -> ExampleBuffers.features(examples, b));
    }

    private static NDArray copiedTargets(Examples examples, NDManager manager) {
        return HostArrays.floats(manager, Shapes.batched(examples.size(), Shapes.of(examples.targetShape())),
                b -> ExampleBuffers.targets(examples, b));
    }

    private static NDArray labels(Examples examples, NDManager manager) {
        return examples.hasLabels() ? HostArrays.longs(manager, new long[] {examples.size()},
                b -> ExampleBuffers.labels(examples, b)) : null;
    }

    /** A CPU array on the CPU is the array itself; on another device its copy there replaces it. */
    private static NDArray moved(NDArray a, Device device) {
        if (a == null || a.getDevice().equals(device)) {
            return a;
        }
        NDArray there = a.toDevice(device, false);
        a.close();
        return there;
    }

    /** One batch of the examples gathered on the host, in the order's positions {@code from} to {@code to}. */
    static Batch hostBatch(Examples examples, int[] order, int from, int to, NDManager manager) {
        int b = to - from;
        NDArray x = HostArrays.floats(manager, Shapes.batched(b, Shapes.of(examples.sampleShape())),
                buf -> ExampleBuffers.features(examples, order, from, to, buf));
        NDArray y = examples.hasLabels() ? HostArrays.longs(manager, new long[] {b},
                buf -> ExampleBuffers.labels(examples, order, from, to, buf)) : null;
        NDArray t = examples.hasTargets() ? HostArrays.floats(manager,
                Shapes.batched(b, Shapes.of(examples.targetShape())),
                buf -> ExampleBuffers.targets(examples, order, from, to, buf)) : null;
        return new Batch(x, new BatchTargets(y, t, examples.numClasses(), b));
    }

    /**
     * The arrays this set holds on the device, in a fixed order: features, labels, targets, a selection's
     * stored rows (present ones).
     */
    NDArray[] arrays() {
        return java.util.stream.Stream.of(features, labels, targets, storedIndex).filter(a -> a != null)
                .toArray(NDArray[]::new);
    }

    /**
     * This set in the given order. Only the order goes to the device; each batch gathers its own
     * rows, so an epoch never copies the whole set (a full copy per epoch costs more than the
     * per-batch gathers it saves, mostly in page faults for a fresh array of the set's size).
     */
    DeviceData.Ordered ordered(int[] order) {
        NDArray index = onDevice(order);
        if (storedRows == null) {
            return new Ordered(features, labels, targets, classes, index, null);
        }
        int[] stored = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            stored[i] = storedRows[order[i]];
        }
        return new Ordered(features, labels, targets, classes, index, onDevice(stored));
    }

    private NDArray onDevice(int[] rows) {
        return index(features.getManager(), rows).toDevice(features.getDevice(), false);
    }

    /** The set as it is stored, for evaluation. */
    Ordered asStored() {
        return new Ordered(features, labels, targets, classes, null, storedIndex);
    }

    /**
     * Features, labels and targets with an optional row order; a batch is rows {@code from} to
     * {@code to} of that order: a gather when ordered, a slice when not. Features and targets of a
     * selection are read through {@code storedOrder}, the stored row of each position.
     */
    record Ordered(NDArray features, NDArray labels, NDArray targets, int classes, NDArray order,
            NDArray storedOrder) {
        NDArray x(int from, int to) {
            return batch(from, to).x();
        }

        /** Inputs and targets of rows {@code from} to {@code to}, with one slice of the order. */
        Batch batch(int from, int to) {
            NDArray rowIndex = order == null ? null : Torch.slice(order, from, to);
            NDArray storedIndex = storedOrder == null ? rowIndex : Torch.slice(storedOrder, from, to);
            NDArray y = labels == null ? null : rows(labels, rowIndex, from, to);
            NDArray t = targets == null ? null : rows(targets, storedIndex, from, to);
            return new Batch(rows(features, storedIndex, from, to), new BatchTargets(y, t, classes, to - from));
        }

        private static NDArray rows(NDArray a, NDArray rowIndex, int from, int to) {
            if (rowIndex == null) {
                return Torch.slice(a, from, to);
            }
            // A row lookup (index_select) over the set seen as a table: DJL's a.get(rowIndex) takes
            // its general advanced-indexing path, about five times slower for a batch of 128 images.
            Shape shape = a.getShape();
            NDArray table = shape.dimension() == 2 ? a : a.reshape(shape.get(0), -1);
            NDArray picked = Torch.rows(rowIndex, table);
            return shape.dimension() == 2 ? picked : picked.reshape(Shapes.batched(to - from, rowShape(shape)));
        }

        private static long[] rowShape(Shape shape) {
            return shape.slice(1).getShape();
        }
    }

    /** One batch's inputs and targets. */
    record Batch(NDArray x, BatchTargets targets) {}

    @Override
    public void close() {
        for (NDArray a : arrays()) {
            a.close();
        }
    }
}
