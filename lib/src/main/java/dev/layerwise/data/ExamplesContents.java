package dev.layerwise.data;

import java.util.Arrays;

/**
 * What every {@link Examples} holds and reads: the stored arrays and which of their rows a view
 * covers, the shapes, single examples, and all of them copied out in bulk. The methods that make new
 * examples (views, targets) live on {@code Examples}; these live in this file to keep it short, and
 * users only ever see them as methods of {@code Examples}.
 */
public abstract sealed class ExamplesContents permits Examples {
    final String name;
    final float[] features;
    final int[] sampleShape;
    final int sampleSize;
    final int[] labels;
    final int numClasses;
    final float[] targets;
    final int[] targetShape;
    final int targetSize;
    /** Physical row of logical row i is rows[start + i], or start + i when rows is null. */
    final int[] rows;
    final int start;
    final int length;

    ExamplesContents(String name, float[] features, int[] sampleShape, int[] labels, int numClasses,
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

    /** The stored row of view row i. */
    int physical(int i) {
        return rows == null ? start + i : rows[start + i];
    }

    /** @return a short name, e.g. {@code fashion-mnist/train} */
    public String name() {
        return name;
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

    int checkIndex(int i) {
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

    /** @return how many examples each class has, indexed by class id */
    public int[] classCounts() {
        requireLabels("classCounts()");
        int[] counts = new int[numClasses];
        for (int i = 0; i < length; i++) {
            counts[labels[physical(i)]]++;
        }
        return counts;
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
    boolean sharesFeaturesWith(ExamplesContents other) {
        return features == other.features;
    }
}
