package dev.layerwise.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable in-memory table of examples: one feature vector per row, an optional class label
 * and an optional regression target; use it to hand plain Java arrays to a training loop.
 *
 * <p>Features are stored row-major in one {@code float[]}; each row has the {@link #sampleShape()}
 * (for example {@code [784]} or {@code [1, 28, 28]}). Labels are class ids in
 * {@code [0, numClasses)}. Targets, when present, are one float row of {@link #targetShape()} per
 * example (regression, autoencoders). {@link #subset(int)}, {@link #slice(int, int)},
 * {@link #select(int[])} and {@link #reshape(int...)} return views that share the underlying arrays:
 * they cost a few bytes, never a copy of the data.
 */
public final class Examples {
    private final String name;
    private final float[] features;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int[] labels;
    private final int numClasses;
    private final float[] targets;
    private final int[] targetShape;
    private final int targetSize;
    /** Physical row of logical row i is rows[start + i], or start + i when rows is null. */
    private final int[] rows;
    private final int start;
    private final int length;

    private Examples(String name, float[] features, int[] sampleShape, int[] labels, int numClasses,
            float[] targets, int[] targetShape, int[] rows, int start, int length) {
        this.name = name;
        this.features = features;
        this.sampleShape = sampleShape;
        this.sampleSize = Shapes.size(sampleShape, "sample shape");
        this.labels = labels;
        this.numClasses = numClasses;
        this.targets = targets;
        this.targetShape = targetShape;
        this.targetSize = targetShape == null ? 0 : Shapes.size(targetShape, "target shape");
        this.rows = rows;
        this.start = start;
        this.length = length;
    }

    /**
     * A labeled table for classification, copying the caller's arrays so later changes to them do
     * not leak in.
     *
     * @param name a short name shown in summaries, e.g. {@code "my-data/train"}
     * @param features row-major features, {@code size × product(sampleShape)} values, all finite
     * @param sampleShape the shape of one example, e.g. {@code {784}} or {@code {1, 28, 28}}
     * @param labels one class id per example, each in {@code [0, numClasses)}
     * @param numClasses the number of classes, at least 1
     * @return the validated table
     */
    public static Examples of(String name, float[] features, int[] sampleShape, int[] labels, int numClasses) {
        Checks.present(name, "features", features, "one float per feature value, row after row");
        Checks.present(name, "sampleShape", sampleShape, "the shape of one example, e.g. new int[] {784}");
        Checks.present(name, "labels", labels, "one class id per example (use Examples.unlabeled(...) for data"
                + " without labels)");
        return wrap(name, features.clone(), sampleShape.clone(), labels.clone(), numClasses);
    }

    /**
     * An unlabeled table (for autoencoders or regression; add targets with
     * {@link #withTargets(float[], int...)}), copying the caller's array.
     *
     * @param name a short name shown in summaries
     * @param features row-major features, all finite
     * @param sampleShape the shape of one example
     * @return the validated table
     */
    public static Examples unlabeled(String name, float[] features, int... sampleShape) {
        Checks.present(name, "features", features, "one float per feature value, row after row");
        Checks.present(name, "sampleShape", sampleShape, "the shape of one example, e.g. 784");
        return wrap(name, features.clone(), sampleShape.clone(), null, 0);
    }

    /** Validates and takes ownership of the arrays without copying; for loaders in this package. */
    static Examples wrap(String name, float[] features, int[] sampleShape, int[] labels, int numClasses) {
        return wrap(name, features, sampleShape, labels, numClasses, true);
    }

    /** As {@link #wrap} but skips the NaN/Inf scan, for features that are finite by construction (pixels). */
    static Examples wrapTrusted(String name, float[] features, int[] sampleShape, int[] labels, int numClasses) {
        return wrap(name, features, sampleShape, labels, numClasses, false);
    }

    private static Examples wrap(String name, float[] features, int[] sampleShape, int[] labels, int numClasses,
            boolean checkFinite) {
        Objects.requireNonNull(features, "features");
        String label = name == null ? "examples" : name;
        int sampleSize = Shapes.size(sampleShape, label + ": sample shape");
        if (features.length % sampleSize != 0) {
            throw new IllegalArgumentException(label + ": " + Shapes.count(features.length)
                    + " feature values are not a whole number of samples of shape "
                    + Shapes.format(sampleShape) + " (" + sampleSize + " values each; "
                    + features.length % sampleSize + " left over); check the sample shape");
        }
        int size = features.length / sampleSize;
        if (size == 0) {
            throw new IllegalArgumentException(label + ": no examples (0 feature values for samples of shape "
                    + Shapes.format(sampleShape) + "); a data set needs at least one. Check that the features"
                    + " array was filled, or that a subset or split did not leave nothing.");
        }
        if (checkFinite) {
            Checks.finite(label, "feature", features, sampleSize);
        }
        if (labels != null) {
            Checks.labels(label, labels, numClasses, size);
        } else if (numClasses != 0) {
            throw new IllegalArgumentException(label + ": numClasses is " + numClasses
                    + " but there are no labels; pass labels or use 0 classes");
        }
        return new Examples(label, features, sampleShape, labels, numClasses, null, null, null, 0, size);
    }

    private int physical(int i) {
        return rows == null ? start + i : rows[start + i];
    }

    private boolean isWholeBase() {
        return rows == null && start == 0 && length * (long) sampleSize == features.length;
    }

    private Examples view(int[] newRows, int newStart, int newLength) {
        return new Examples(name, features, sampleShape, labels, numClasses, targets, targetShape,
                newRows, newStart, newLength);
    }

    /** @return a short name, e.g. {@code fashion-mnist/train} */
    public String name() {
        return name;
    }

    /**
     * The same examples under another name; for summaries.
     *
     * @param newName the name to show
     * @return a view sharing the data
     */
    public Examples named(String newName) {
        return new Examples(Objects.requireNonNull(newName, "name"), features, sampleShape, labels,
                numClasses, targets, targetShape, rows, start, length);
    }

    /** @return the number of examples */
    public int size() {
        return length;
    }

    /** @return a copy of the shape of one example, e.g. {@code [784]} */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** @return the number of feature values per example (the product of the sample shape) */
    public int sampleSize() {
        return sampleSize;
    }

    /** @return the number of classes; 0 for unlabeled data */
    public int numClasses() {
        return numClasses;
    }

    /** @return whether every example has a class label */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return whether every example has a regression target row */
    public boolean hasTargets() {
        return targets != null;
    }

    /** @return a copy of the shape of one target row, or {@code null} when there are no targets */
    public int[] targetShape() {
        return targetShape == null ? null : targetShape.clone();
    }

    /** @return the number of target values per example; 0 without targets */
    public int targetSize() {
        return targetSize;
    }

    /**
     * The class label of one example; use it for spot checks, and the bulk copies for training.
     *
     * @param i the example, from 0 to {@code size() - 1}
     * @return its class id
     */
    public int label(int i) {
        requireLabels("label(" + i + ")");
        return labels[physical(checkIndex(i))];
    }

    /**
     * The features of one example, copied; use it for spot checks and plots.
     *
     * @param i the example, from 0 to {@code size() - 1}
     * @return a new array of {@link #sampleSize()} values
     */
    public float[] features(int i) {
        int from = physical(checkIndex(i)) * sampleSize;
        return Arrays.copyOfRange(features, from, from + sampleSize);
    }

    /** @return all features in row order, copied into a new array; for small sets */
    public float[] features() {
        float[] out = new float[length * sampleSize];
        copyFeatures(identity(), out, 0);
        return out;
    }

    /** @return all labels in row order, copied; for small sets */
    public int[] labels() {
        requireLabels("labels()");
        int[] out = new int[length];
        copyLabels(identity(), out, 0);
        return out;
    }

    /** @return all targets in row order, copied; for small sets */
    public float[] targets() {
        requireTargets("targets()");
        float[] out = new float[length * targetSize];
        copyTargets(identity(), out, 0);
        return out;
    }

    private int[] identity() {
        int[] order = new int[length];
        for (int i = 0; i < length; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Copies the features of the given examples, in that order, into one contiguous buffer; the
     * training loop's way to lay out an epoch (or a batch) without per-example objects.
     *
     * @param rowIndices examples to copy, each from 0 to {@code size() - 1}, e.g. an epoch order
     * @param dest the buffer; needs {@code rowIndices.length × sampleSize()} values from destOffset
     * @param destOffset where the first example goes in dest
     */
    public void copyFeatures(int[] rowIndices, float[] dest, int destOffset) {
        Checks.room("copyFeatures", rowIndices.length, sampleSize, dest.length, destOffset);
        int at = destOffset;
        for (int r : rowIndices) {
            System.arraycopy(features, physical(checkIndex(r)) * sampleSize, dest, at, sampleSize);
            at += sampleSize;
        }
    }

    /**
     * Copies the labels of the given examples, in that order; pairs with
     * {@link #copyFeatures(int[], float[], int)}.
     *
     * @param rowIndices examples to copy, each from 0 to {@code size() - 1}
     * @param dest the buffer; needs {@code rowIndices.length} values from destOffset
     * @param destOffset where the first label goes in dest
     */
    public void copyLabels(int[] rowIndices, int[] dest, int destOffset) {
        requireLabels("copyLabels");
        Checks.room("copyLabels", rowIndices.length, 1, dest.length, destOffset);
        for (int k = 0; k < rowIndices.length; k++) {
            dest[destOffset + k] = labels[physical(checkIndex(rowIndices[k]))];
        }
    }

    /**
     * Copies the target rows of the given examples, in that order; pairs with
     * {@link #copyFeatures(int[], float[], int)} for regression and autoencoders.
     *
     * @param rowIndices examples to copy, each from 0 to {@code size() - 1}
     * @param dest the buffer; needs {@code rowIndices.length × targetSize()} values from destOffset
     * @param destOffset where the first target row goes in dest
     */
    public void copyTargets(int[] rowIndices, float[] dest, int destOffset) {
        requireTargets("copyTargets");
        Checks.room("copyTargets", rowIndices.length, targetSize, dest.length, destOffset);
        int at = destOffset;
        for (int r : rowIndices) {
            System.arraycopy(targets, physical(checkIndex(r)) * targetSize, dest, at, targetSize);
            at += targetSize;
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(name + ": example " + i + " does not exist; indices run from 0 to "
                    + (length - 1));
        }
        return i;
    }

    private void requireLabels(String method) {
        if (labels == null) {
            throw new IllegalStateException(method + ": " + name + " has no labels; it is unlabeled"
                    + (targets != null ? " (it has targets: use targets() / copyTargets)" : ""));
        }
    }

    private void requireTargets(String method) {
        if (targets == null) {
            throw new IllegalStateException(method + ": " + name + " has no targets; add them with"
                    + " withTargets(...) or withFeaturesAsTargets()");
        }
    }

    /**
     * The first n examples, sharing the data.
     *
     * @param n how many, from 1 to {@code size()}
     * @return a view of rows {@code [0, n)}
     */
    public Examples subset(int n) {
        if (n < 1 || n > length) {
            throw new IllegalArgumentException("subset(" + n + "): " + name + " has " + Shapes.count(length)
                    + " examples; choose n from 1 to " + Shapes.count(length));
        }
        return view(rows, start, n);
    }

    /**
     * The examples {@code from} (inclusive) to {@code to} (exclusive), sharing the data.
     *
     * @param from first example, at least 0
     * @param to one past the last example, at most {@code size()} and greater than from
     * @return a view of rows {@code [from, to)}
     */
    public Examples slice(int from, int to) {
        if (from < 0 || to > length || from >= to) {
            throw new IllegalArgumentException("slice(" + from + ", " + to + "): " + name + " has "
                    + Shapes.count(length) + " examples; need 0 ≤ from < to ≤ " + length
                    + " so that the slice is not empty");
        }
        return view(rows, start + from, to - from);
    }

    /**
     * The given examples in the given order (repeats allowed), sharing the features; for splits
     * and resampling. Costs one int per selected example.
     *
     * @param rowIndices examples to keep, each from 0 to {@code size() - 1}; not empty
     * @return a view over those rows
     */
    public Examples select(int[] rowIndices) {
        if (rowIndices.length == 0) {
            throw new IllegalArgumentException("select([]): " + name + ": a selection needs at least one example");
        }
        int[] mapped = new int[rowIndices.length];
        for (int k = 0; k < rowIndices.length; k++) {
            mapped[k] = physical(checkIndex(rowIndices[k]));
        }
        return view(mapped, 0, mapped.length);
    }

    /**
     * The same examples seen with another sample shape (same element count), sharing the data; e.g.
     * {@code reshape(1, 28, 28)} for a conv net.
     *
     * @param shape the new shape of one example
     * @return a view with that sample shape
     */
    public Examples reshape(int... shape) {
        int newSize = Shapes.size(shape, "reshape: new sample shape");
        if (newSize != sampleSize) {
            throw new IllegalArgumentException("reshape(" + Shapes.format(shape) + "): " + name
                    + " has samples of shape " + Shapes.format(sampleShape) + " = " + sampleSize
                    + " values, but " + Shapes.format(shape) + " holds " + newSize
                    + "; the new shape must hold exactly " + sampleSize + " values");
        }
        return new Examples(name, features, shape.clone(), labels, numClasses, targets, targetShape, rows,
                start, length);
    }

    /**
     * These examples with a regression target row each (copied from the caller); on a view, the
     * view's features are copied once so that features and targets line up.
     *
     * @param newTargets {@code size() × product(targetShape)} finite values, in row order
     * @param targetShape the shape of one target row, e.g. {@code {1}} or {@code {784}}
     * @return a new table with targets
     */
    public Examples withTargets(float[] newTargets, int... targetShape) {
        Checks.present(name, "targets", newTargets, "one float row per example");
        Checks.present(name, "targetShape", targetShape, "the shape of one target row, e.g. 1");
        int perRow = Shapes.size(targetShape, name + ": target shape");
        if (newTargets.length != (long) length * perRow) {
            throw new IllegalArgumentException("withTargets: " + name + " has " + Shapes.count(length)
                    + " examples, so targets of shape " + Shapes.format(targetShape) + " need "
                    + Shapes.count((long) length * perRow) + " values, but got " + Shapes.count(newTargets.length));
        }
        Checks.finite(name, "target", newTargets, perRow);
        Examples base = isWholeBase() ? this : compact();
        return new Examples(name, base.features, sampleShape, base.labels, numClasses, newTargets.clone(),
                targetShape.clone(), null, 0, length);
    }

    /**
     * These examples with their own features as targets, sharing the array; for autoencoders and
     * greedy layer-wise pretraining.
     *
     * @return a view whose targets are its features
     */
    public Examples withFeaturesAsTargets() {
        return new Examples(name, features, sampleShape, labels, numClasses, features, sampleShape, rows,
                start, length);
    }

    private Examples compact() {
        int[] newLabels = labels == null ? null : labels();
        return new Examples(name, features(), sampleShape, newLabels, numClasses, null, null, null, 0, length);
    }

    /** @return how many examples each class has, indexed by class id */
    public int[] classCounts() {
        requireLabels("classCounts()");
        int[] counts = new int[numClasses];
        for (int i = 0; i < length; i++) {
            counts[labels[physical(i)]]++;
        }
        return counts;
    }

    /**
     * These examples with other features of the same shape, in this view's row order (labels and
     * targets kept, compacted); for scaling and augmentation in this package. Features that were
     * their own targets (an autoencoder's) stay so.
     */
    Examples withFeatures(float[] newFeatures) {
        if (newFeatures.length != (long) length * sampleSize) {
            throw new IllegalArgumentException(name + ": " + newFeatures.length + " new feature values for "
                    + length + " examples of " + sampleSize);
        }
        int[] newLabels = labels == null ? null : labels();
        boolean ownTargets = targets != null && targets == features;
        float[] newTargets = targets == null ? null : ownTargets ? newFeatures : targets();
        return new Examples(name, newFeatures, sampleShape, newLabels, numClasses, newTargets, targetShape, null, 0,
                length);
    }

    /** The stored feature array, shared; read with {@link #offsetOf(int)}; for this package's fast loops. */
    float[] featureArray() {
        return features;
    }

    /** The stored target array, shared, or null; rows of {@link #targetSize()} at {@link #physicalRow(int)}. */
    float[] targetArray() {
        return targets;
    }

    /** The stored row of example i: features at {@code physicalRow(i) × sampleSize()}, its label at the same index. */
    int physicalRow(int i) {
        return physical(i);
    }

    /** True when the examples are stored rows {@code start … start + size() - 1}, one run of memory. */
    boolean storedInOneRun() {
        return rows == null;
    }

    /** Where example i's features start in {@link #featureArray()}. */
    int offsetOf(int i) {
        return physical(i) * sampleSize;
    }

    /** Features of example i at position j, without copying; for renderers in this package. */
    float featureAt(int i, int j) {
        return features[physical(i) * sampleSize + j];
    }

    /** Label of example i without the public checks; for renderers in this package. */
    int labelAt(int i) {
        return labels[physical(i)];
    }

    /** True when both views read the very same feature array; for tests of sharing. */
    boolean sharesFeaturesWith(Examples other) {
        return features == other.features;
    }

    /**
     * Two tables are equal when they view the same stored arrays, in the same rows, with the same
     * sample shape (names aside); so a cache keyed by examples, such as a learner's tensors, is hit
     * again when a notebook cell re-runs {@code Datasets.fashionMnist().subset(10_000)}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Examples e && features == e.features && labels == e.labels && targets == e.targets
                && numClasses == e.numClasses && length == e.length && Arrays.equals(sampleShape, e.sampleShape)
                && Arrays.equals(targetShape, e.targetShape) && sameRows(e);
    }

    private boolean sameRows(Examples e) {
        if (rows == null || e.rows == null) {
            return rows == e.rows && start == e.start;
        }
        return (rows == e.rows && start == e.start)
                || Arrays.equals(rows, start, start + length, e.rows, e.start, e.start + length);
    }

    /** Consistent with {@link #equals(Object)}; cheap (does not read the data). */
    @Override
    public int hashCode() {
        return System.identityHashCode(features) * 31 + length * 17 + Arrays.hashCode(sampleShape);
    }

    @Override
    public String toString() {
        String out = "Examples " + name + ": " + Shapes.count(length) + " × " + Shapes.format(sampleShape);
        if (labels != null) {
            out += " → " + numClasses + " classes";
        }
        if (targets != null) {
            out += " → targets " + Shapes.format(targetShape);
        }
        return out;
    }
}
