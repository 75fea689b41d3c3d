package dev.layerwise.data;

import java.util.Arrays;

/** The validations behind {@link Dataset}'s fluent methods, with the messages users see; package-private. */
final class DatasetChecks {
    private DatasetChecks() {}

    /** One non-null name per class id. */
    static void classNames(Dataset data, String[] names) {
        if (names == null || Arrays.stream(names).anyMatch(n -> n == null)) {
            throw new IllegalArgumentException("withClassNames: got " + (names == null ? "null" : "a null name in "
                    + Arrays.toString(names)) + "; give one non-null name per class id.");
        }
        if (names.length != data.parts.rawTrain.numClasses()) {
            throw new IllegalArgumentException("withClassNames: got " + names.length + " names for "
                    + data.parts.rawTrain.numClasses() + " classes; give exactly one name per class id");
        }
    }

    /** The set was read from a CSV file, so a test table can be encoded as it was. */
    static void schema(Dataset data) {
        if (data.schema == null) {
            throw new IllegalStateException("withTest(CsvTable): " + data.name + " was not read from a CSV file, so"
                    + " there is no schema to encode the table with; use withTest(examples)");
        }
    }

    /** Held-out examples of the training examples' sample size and classes, in their sample shape. */
    static Examples matching(Dataset data, String method, Examples other) {
        Examples train = data.parts.rawTrain;
        if (other.sampleSize() != train.sampleSize() || other.numClasses() != train.numClasses()) {
            throw new IllegalArgumentException(method + ": " + (method.equals("withTest") ? "test" : "validation")
                    + " examples " + Shapes.format(other.sampleShape()) + " with " + other.numClasses()
                    + " classes do not match training examples " + Shapes.format(train.sampleShape()) + " with "
                    + train.numClasses() + " classes; both sets must have the same sample size and classes");
        }
        return other.reshape(train.sampleShape());
    }

    /** A subset size from 1 to the size of the set it is taken from ("training" or "test"). */
    static void subsetSize(Dataset data, String method, String set, Examples examples, int n) {
        if (n < 1 || n > examples.size()) {
            throw new IllegalArgumentException(method + "(" + n + "): the " + set + " set of " + data.name + " has "
                    + Shapes.count(examples.size()) + " examples; choose n from 1 to " + Shapes.count(examples.size())
                    + (n < 1 && set.equals("training") ? " (a subset needs at least 1 example)" : ""));
        }
    }

    /** At least one example per batch. */
    static void batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batchSize(" + b + "): a batch needs at least 1 example;"
                    + " typical sizes are 10 to 256 (the default is " + Dataset.DEFAULT_BATCH_SIZE + ")");
        }
    }

    /** The side of the square image that flat or 2-D samples are; fails for samples that are not one. */
    static int squareSide(Dataset data) {
        int[] shape = data.parts.rawTrain.sampleShape();
        int side = Shapes.squareSide(data.parts.rawTrain.sampleSize());
        if (side < 0 || (shape.length != 1 && shape.length != 2)) {
            throw new IllegalArgumentException("images(): samples of shape " + Shapes.format(shape) + " ("
                    + data.parts.rawTrain.sampleSize() + " values) are not a square image; use reshape(c, h, w) with"
                    + " the real channel, height and width");
        }
        return side;
    }

    /** A scaling is given. */
    static void scaling(Scaling scaling) {
        if (scaling == null) {
            throw new IllegalArgumentException("scale(null): give Scaling.STANDARDIZE or Scaling.MIN_MAX, or call"
                    + " withoutScaling()");
        }
    }

    /** The samples are images an augmentation can change. */
    static void augmentable(Dataset data, Augmentation chain) {
        if (Augmenter.geometry(data.parts.rawTrain.sampleShape()) == null) {
            throw new IllegalArgumentException("augment(" + chain + "): samples of shape "
                    + Shapes.format(data.parts.rawTrain.sampleShape()) + " are not images; augmentation needs image"
                    + " samples [c, h, w] (or square ones), so call images() or reshape(c, h, w) first");
        }
    }

    /** There is a validation set. */
    static void hasValidation(Dataset data) {
        if (data.parts.validation == null) {
            throw new IllegalStateException("validation(): " + data.name + " has no validation set; make one with"
                    + " validationSplit(0.1) or split(0.7, 0.15)");
        }
    }

    /** There is a test set. */
    static void hasTest(Dataset data, String method) {
        if (data.parts.test == null) {
            throw new IllegalStateException(method + ": " + data.name + " has no test set; make one with split(0.8),"
                    + " or add one with withTest(examples)");
        }
    }
}
