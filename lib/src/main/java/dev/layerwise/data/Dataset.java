package dev.layerwise.data;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Training examples, optional validation and test examples and how to feed them (batch size,
 * shuffle, seed, feature scaling, augmentation), as one immutable value; use it to say what a
 * learner trains on, e.g. {@code Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42)}.
 *
 * <p>Every fluent method returns a new value that shares the underlying arrays, so subsets and
 * reshapes are cheap and re-running a notebook cell never changes an earlier value. Defaults: batch
 * size 32, shuffling on, seed 42, no scaling, no augmentation. Splits are seeded and stratified when
 * there are labels. A scaling ({@link #standardize()}, {@link #minMax()}) is fitted on the training
 * examples only, again whenever they change, and applied to the validation and test examples. A data
 * set renders as one line of text and, in a notebook, as a summary table with the first rows and
 * column summaries of tabular data, and a strip of sample images per class for images.
 */
public final class Dataset extends DatasetContents implements Displayable {
    /** The batch size of a new data set. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The shuffle seed of a new data set. */
    public static final long DEFAULT_SEED = 42;

    private Dataset(String name, Parts parts, int batchSize, boolean shuffle, long seed, List<String> classNames,
            Schema schema, Augmentation augmentation) {
        super(name, parts, batchSize, shuffle, seed, classNames, schema, augmentation);
    }

    /**
     * A data set with training examples only; add a test set with {@link #split(double)} or
     * {@link #withTest(Examples)}.
     *
     * @param train the training examples
     * @return the data set, with default batch size, shuffle and seed
     */
    public static Dataset of(Examples train) {
        if (train == null) {
            throw new IllegalArgumentException("Dataset.of(null): expected training examples, e.g."
                    + " Dataset.of(Examples.of(\"my-data\", features, new int[] {4}, labels, 3)).");
        }
        return new Dataset(train.name(), Parts.of(train, null, null), DEFAULT_BATCH_SIZE, true, DEFAULT_SEED,
                List.of(), null, null);
    }

    /**
     * A data set with training and test examples of the same sample shape and classes.
     *
     * @param train the training examples
     * @param test the held-out examples that {@link #test()} evaluates on
     * @return the data set, with default batch size, shuffle and seed
     */
    public static Dataset of(Examples train, Examples test) {
        return of(train).withTest(test);
    }

    /** Training, validation (or null) and test (or null) sets as loaded; for readers in this package. */
    static Dataset ofSets(Examples train, Examples validation, Examples test) {
        return new Dataset(train.name(), Parts.of(train, validation, test), DEFAULT_BATCH_SIZE, true, DEFAULT_SEED,
                List.of(), null, null);
    }

    private Dataset with(Parts newParts) {
        return new Dataset(name, newParts, batchSize, shuffle, seed, classNames, schema, augmentation);
    }

    private Dataset with(Examples newTrain, Examples newValidation, Examples newTest) {
        return with(parts.sets(newTrain, newValidation, newTest));
    }

    /**
     * This data set under another name, shown in summaries.
     *
     * @param newName e.g. {@code "fashion-mnist"}
     * @return a new value
     */
    public Dataset named(String newName) {
        return new Dataset(Objects.requireNonNull(newName, "name"), parts, batchSize, shuffle, seed, classNames, schema,
                augmentation);
    }

    /**
     * This data set with human-readable class names, used in summaries and plots.
     *
     * @param names one name per class, in class-id order
     * @return a new value
     */
    public Dataset withClassNames(String... names) {
        DatasetChecks.classNames(this, names);
        return new Dataset(name, parts, batchSize, shuffle, seed, List.of(names), schema, augmentation);
    }

    /** This data set with the schema of the table it was read from; for {@link CsvTable}. */
    Dataset withSchema(Schema newSchema) {
        return new Dataset(name, parts, batchSize, shuffle, seed, classNames, newSchema, augmentation);
    }

    /**
     * This data set with a (new) test set, scaled as the training set is.
     *
     * @param newTest held-out examples with the same sample size and number of classes as training
     * @return a new value
     */
    public Dataset withTest(Examples newTest) {
        Objects.requireNonNull(newTest, "test examples");
        return with(parts.rawTrain, parts.rawValidation, DatasetChecks.matching(this, "withTest", newTest));
    }

    /**
     * This data set with a test set read from a separate CSV file, encoded exactly as this set's
     * file was (same columns, one-hot categories, fills and class ids), e.g.
     * {@code Datasets.csv(trainFile).label("y").withTest(Datasets.csv(testFile))}.
     *
     * @param table the test file, with the same columns
     * @return a new value
     */
    public Dataset withTest(CsvTable table) {
        DatasetChecks.schema(this);
        Objects.requireNonNull(table, "test table");
        return withTest(TableEncoding.apply(schema, table, name + "/test"));
    }

    /** @return this data set without its test set; e.g. before {@link #split(double)} */
    public Dataset withoutTest() {
        return with(parts.rawTrain, parts.rawValidation, null);
    }

    /**
     * The first n training examples; the validation and test sets stay as they are.
     *
     * @param n from 1 to {@code size()}
     * @return a new value sharing the data
     */
    public Dataset subset(int n) {
        DatasetChecks.subsetSize(this, "subset", "training", parts.rawTrain, n);
        return with(parts.rawTrain.subset(n), parts.rawValidation, parts.rawTest);
    }

    /**
     * The first n test examples; for quick evaluations.
     *
     * @param n from 1 to the test set's size
     * @return a new value sharing the data
     */
    public Dataset testSubset(int n) {
        DatasetChecks.hasTest(this, "testSubset(" + n + ")");
        DatasetChecks.subsetSize(this, "testSubset", "test", parts.rawTest, n);
        return with(parts.rawTrain, parts.rawValidation, parts.rawTest.subset(n));
    }

    /**
     * The number of examples per training step.
     *
     * @param b at least 1; the last batch of an epoch may be smaller
     * @return a new value
     */
    public Dataset batchSize(int b) {
        DatasetChecks.batchSize(b);
        return new Dataset(name, parts, b, shuffle, seed, classNames, schema, augmentation);
    }

    /**
     * The seed of the shuffled epoch orders, of later splits and of the augmentation; the same seed
     * gives the same orders.
     *
     * @param newSeed any long
     * @return a new value
     */
    public Dataset seed(long newSeed) {
        return new Dataset(name, parts, batchSize, shuffle, newSeed, classNames, schema, augmentation);
    }

    /**
     * Whether each epoch visits the training examples in a new random order (on by default).
     *
     * @param on false to keep the stored order in every epoch
     * @return a new value
     */
    public Dataset shuffle(boolean on) {
        return new Dataset(name, parts, batchSize, on, seed, classNames, schema, augmentation);
    }

    /**
     * Samples as one-channel square images, {@code [1, s, s]}, for conv nets; flat samples of
     * s × s values are reshaped, {@code [c, h, w]} samples stay as they are.
     *
     * @return a new value sharing the data
     */
    public Dataset images() {
        if (parts.rawTrain.sampleShape().length == 3) {
            return this;
        }
        int side = DatasetChecks.squareSide(this);
        return reshape(1, side, side);
    }

    /** @return samples as flat vectors, {@code [c × h × w]}, for dense nets; shares the data */
    public Dataset flat() {
        return reshape(parts.rawTrain.sampleSize());
    }

    /**
     * Samples of another shape with the same number of values, in every set.
     *
     * @param shape e.g. {@code 1, 28, 28}
     * @return a new value sharing the data
     */
    public Dataset reshape(int... shape) {
        return with(parts.map(e -> e.reshape(shape)));
    }

    /**
     * Splits the training examples at random (from the seed) into training and test sets; for
     * data that comes without a test set. With labels the split is stratified: each class keeps its
     * share in both sets.
     *
     * @param trainFraction the share kept for training, strictly between 0 and 1, e.g. 0.8
     * @return a new value whose test set is the rest
     */
    public Dataset split(double trainFraction) {
        Examples[] parts2 = Splits.trainTest(name, parts.rawTrain, parts.rawTest, trainFraction, seed);
        return with(parts2[0], parts.rawValidation, parts2[1]);
    }

    /**
     * Splits the training examples at random (from the seed) into training, validation and test
     * sets, stratified when there are labels; the learner validates on the validation set after
     * each epoch and the test set stays untouched until you evaluate on it.
     *
     * @param trainFraction the share for training, e.g. 0.7
     * @param validationFraction the share for validation, e.g. 0.15; the rest is the test set
     * @return a new value
     */
    public Dataset split(double trainFraction, double validationFraction) {
        Examples[] three = Splits.trainValidationTest(name, parts.rawTrain, parts.rawValidation, parts.rawTest,
                trainFraction, validationFraction, seed);
        return with(three[0], three[1], three[2]);
    }

    /**
     * Moves a seeded, stratified share of the training examples into a validation set and keeps the
     * test set; e.g. {@code Datasets.fashionMnist().validationSplit(0.1)} trains on 54,000 images,
     * validates on 6,000 after each epoch and leaves the 10,000 test images for the end.
     *
     * @param fraction the share of training examples to validate on, strictly between 0 and 1
     * @return a new value
     */
    public Dataset validationSplit(double fraction) {
        Examples[] two = Splits.trainValidation(name, parts.rawTrain, parts.rawValidation, fraction, seed);
        return with(two[0], two[1], parts.rawTest);
    }

    /**
     * Standardizes every feature, {@code (x - mean) / sd}, with the mean and standard deviation of the
     * training examples (per channel for image samples {@code [c, h, w]}; one-hot columns stay 0/1).
     *
     * @return a new value; the statistics are fitted again whenever the training examples change
     */
    public Dataset standardize() {
        return scale(Scaling.STANDARDIZE);
    }

    /**
     * Scales every feature to the range the training examples give it, {@code (x - min) / (max - min)}.
     *
     * @return a new value; the statistics are fitted again whenever the training examples change
     */
    public Dataset minMax() {
        return scale(Scaling.MIN_MAX);
    }

    /**
     * Feature scaling fitted on the training examples only and applied to every set; replaces an
     * earlier scaling.
     *
     * @param scaling standardize or min-max
     * @return a new value
     */
    public Dataset scale(Scaling scaling) {
        DatasetChecks.scaling(scaling);
        return with(parts.scaling(scaling, schema == null ? null : schema.oneHot()));
    }

    /** @return this data set with its features as given, unscaled */
    public Dataset withoutScaling() {
        return with(parts.scaling(null, null));
    }

    /**
     * Trains on randomly changed copies of the training images, drawn anew every epoch from the
     * seed: e.g. {@code augment(Augment.crop(4), Augment.flip())}. Validation and test images are not
     * changed. Replaces an earlier augmentation.
     *
     * @param steps one or more augmentations, applied in order
     * @return a new value
     */
    public Dataset augment(Augmentation... steps) {
        Augmentation chain = Augment.of(steps);
        DatasetChecks.augmentable(this, chain);
        return new Dataset(name, parts, batchSize, shuffle, seed, classNames, schema, chain);
    }

    /** @return this data set without augmentation */
    public Dataset withoutAugmentation() {
        return new Dataset(name, parts, batchSize, shuffle, seed, classNames, schema, null);
    }

    /**
     * Writes the images as PNG files, one folder per class, in the layout
     * {@link Datasets#imageFolder(Path)} reads: {@code dir/train/<class>/<n>.png} and, with a test set,
     * {@code dir/test/<class>/<n>.png} (a validation set is not written); pixel values in [0, 1] become
     * gray levels 0 … 255 (RGB for three channels), and class names become folder names (characters a
     * file name cannot hold become {@code _}).
     *
     * @param dir the folder to write into; created when missing
     * @return how many files were written
     */
    public int writeImageFolder(Path dir) {
        return ImageFolderWriter.write(this, dir);
    }

    /**
     * The test set as a data set of its own (as training examples, no shuffling), so that
     * {@code learner.evaluate(data.test())} evaluates on held-out data.
     *
     * @return a data set whose training examples are this set's test examples
     */
    public Dataset test() {
        DatasetChecks.hasTest(this, "test()");
        return new Dataset(name + " (test)", Parts.of(parts.test, null, null), batchSize, false, seed, classNames,
                schema, null);
    }

    /**
     * The validation set as a data set of its own (as training examples, no shuffling).
     *
     * @return a data set whose training examples are this set's validation examples
     */
    public Dataset validation() {
        DatasetChecks.hasValidation(this);
        return new Dataset(name + " (validation)", Parts.of(parts.validation, null, null), batchSize, false, seed,
                classNames, schema, null);
    }

    /**
     * What a learner checks itself on after each epoch: the validation set when there is one, else
     * the test set.
     *
     * @return the held-out set as a data set
     */
    public Dataset heldOut() {
        return parts.validation != null ? validation() : test();
    }

    /** The summary line, e.g. {@code Dataset fashion-mnist: 60,000 train × [784] → 10 classes, …}. */
    @Override
    public String toString() {
        return DatasetView.summaryLine(this);
    }

    /** The text line plus an HTML table and, for image data, sample images per class. */
    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).withHtml(DatasetView.html(this));
    }

    /**
     * A grid of the first few images per class (one row per class) as PNG bytes, or {@code null}
     * when the samples are not images; for saving or showing with {@code Display}.
     *
     * @return the PNG file's bytes, or null
     */
    public byte[] previewPng() {
        return DatasetView.gridPng(this);
    }
}
