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
public final class Examples extends ExamplesContents {
    private Examples(String name, float[] features, int[] sampleShape, int[] labels, int numClasses,
            float[] targets, int[] targetShape, int[] rows, int start, int length) {
        super(name, features, sampleShape, labels, numClasses, targets, targetShape, rows, start, length);
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

    private boolean isWholeBase() {
        return rows == null && start == 0 && length * (long) sampleSize == features.length;
    }

    private Examples view(int[] newRows, int newStart, int newLength) {
        return new Examples(name, features, sampleShape, labels, numClasses, targets, targetShape,
                newRows, newStart, newLength);
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
