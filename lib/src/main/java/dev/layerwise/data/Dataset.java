package dev.layerwise.data;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

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
public final class Dataset implements Displayable {
    /** The batch size of a new data set. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The shuffle seed of a new data set. */
    public static final long DEFAULT_SEED = 42;

    private final String name;
    private final Parts parts;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final List<String> classNames;
    private final Schema schema;
    private final Augmentation augmentation;

    private Dataset(String name, Parts parts, int batchSize, boolean shuffle, long seed, List<String> classNames,
            Schema schema, Augmentation augmentation) {
        this.name = name;
        this.parts = parts;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.classNames = classNames;
        this.schema = schema;
        this.augmentation = augmentation;
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
        if (names == null || Arrays.stream(names).anyMatch(n -> n == null)) {
            throw new IllegalArgumentException("withClassNames: got " + (names == null ? "null" : "a null name in "
                    + Arrays.toString(names)) + "; give one non-null name per class id.");
        }
        if (names.length != parts.rawTrain.numClasses()) {
            throw new IllegalArgumentException("withClassNames: got " + names.length + " names for "
                    + parts.rawTrain.numClasses() + " classes; give exactly one name per class id");
        }
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
        return with(parts.rawTrain, parts.rawValidation, matching("withTest", newTest));
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
        if (schema == null) {
            throw new IllegalStateException("withTest(CsvTable): " + name + " was not read from a CSV file, so there is"
                    + " no schema to encode the table with; use withTest(examples)");
        }
        Objects.requireNonNull(table, "test table");
        return withTest(TableEncoding.apply(schema, table, name + "/test"));
    }

    private Examples matching(String method, Examples other) {
        Examples train = parts.rawTrain;
        if (other.sampleSize() != train.sampleSize() || other.numClasses() != train.numClasses()) {
            throw new IllegalArgumentException(method + ": " + (method.equals("withTest") ? "test" : "validation")
                    + " examples " + Shapes.format(other.sampleShape()) + " with " + other.numClasses()
                    + " classes do not match training examples " + Shapes.format(train.sampleShape()) + " with "
                    + train.numClasses() + " classes; both sets must have the same sample size and classes");
        }
        return other.reshape(train.sampleShape());
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
        Examples train = parts.rawTrain;
        if (n < 1 || n > train.size()) {
            throw new IllegalArgumentException("subset(" + n + "): the training set of " + name + " has "
                    + Shapes.count(train.size()) + " examples; choose n from 1 to " + Shapes.count(train.size())
                    + (n < 1 ? " (a subset needs at least 1 example)" : ""));
        }
        return with(train.subset(n), parts.rawValidation, parts.rawTest);
    }

    /**
     * The first n test examples; for quick evaluations.
     *
     * @param n from 1 to the test set's size
     * @return a new value sharing the data
     */
    public Dataset testSubset(int n) {
        requireTest("testSubset(" + n + ")");
        Examples t = parts.rawTest;
        if (n < 1 || n > t.size()) {
            throw new IllegalArgumentException("testSubset(" + n + "): the test set of " + name + " has "
                    + Shapes.count(t.size()) + " examples; choose n from 1 to " + Shapes.count(t.size()));
        }
        return with(parts.rawTrain, parts.rawValidation, t.subset(n));
    }

    /**
     * The number of examples per training step.
     *
     * @param b at least 1; the last batch of an epoch may be smaller
     * @return a new value
     */
    public Dataset batchSize(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("batchSize(" + b + "): a batch needs at least 1 example;"
                    + " typical sizes are 10 to 256 (the default is " + DEFAULT_BATCH_SIZE + ")");
        }
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
        int[] shape = parts.rawTrain.sampleShape();
        if (shape.length == 3) {
            return this;
        }
        int side = Shapes.squareSide(parts.rawTrain.sampleSize());
        if (side < 0 || (shape.length != 1 && shape.length != 2)) {
            throw new IllegalArgumentException("images(): samples of shape " + Shapes.format(shape) + " ("
                    + parts.rawTrain.sampleSize() + " values) are not a square image; use reshape(c, h, w) with"
                    + " the real channel, height and width");
        }
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
        if (scaling == null) {
            throw new IllegalArgumentException("scale(null): give Scaling.STANDARDIZE or Scaling.MIN_MAX, or call"
                    + " withoutScaling()");
        }
        return with(parts.scaling(scaling, schema == null ? null : schema.oneHot()));
    }

    /** @return this data set with its features as given, unscaled */
    public Dataset withoutScaling() {
        return with(parts.scaling(null, null));
    }

    /** @return the scaling fitted on the training examples, when the set has one */
    public Optional<FeatureScaler> scaler() {
        return Optional.ofNullable(parts.scaler);
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
        if (Augmenter.geometry(parts.rawTrain.sampleShape()) == null) {
            throw new IllegalArgumentException("augment(" + chain + "): samples of shape "
                    + Shapes.format(parts.rawTrain.sampleShape()) + " are not images; augmentation needs image"
                    + " samples [c, h, w] (or square ones), so call images() or reshape(c, h, w) first");
        }
        return new Dataset(name, parts, batchSize, shuffle, seed, classNames, schema, chain);
    }

    /** @return this data set without augmentation */
    public Dataset withoutAugmentation() {
        return new Dataset(name, parts, batchSize, shuffle, seed, classNames, schema, null);
    }

    /** @return the augmentation the training examples get each epoch, if any */
    public Optional<Augmentation> augmentation() {
        return Optional.ofNullable(augmentation);
    }

    /**
     * The training examples one epoch trains on: {@link #train()} itself without augmentation, else a
     * new copy with every image augmented, the same for the same seed and epoch and different for
     * every epoch. Training loops call it once per epoch, before laying out the batches.
     *
     * @param epoch the epoch, counted from 0
     * @return the examples, in the order of {@link #train()}
     */
    public Examples epochExamples(int epoch) {
        return augmentation == null ? parts.train : Augmenter.epoch(parts.train, augmentation, seed, epoch);
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
        requireTest("test()");
        return new Dataset(name + " (test)", Parts.of(parts.test, null, null), batchSize, false, seed, classNames,
                schema, null);
    }

    /**
     * The validation set as a data set of its own (as training examples, no shuffling).
     *
     * @return a data set whose training examples are this set's validation examples
     */
    public Dataset validation() {
        if (parts.validation == null) {
            throw new IllegalStateException("validation(): " + name + " has no validation set; make one with"
                    + " validationSplit(0.1) or split(0.7, 0.15)");
        }
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

    /** @return whether there is a validation or a test set to check training on */
    public boolean hasHeldOut() {
        return parts.validation != null || parts.test != null;
    }

    private void requireTest(String method) {
        if (parts.test == null) {
            throw new IllegalStateException(method + ": " + name + " has no test set; make one with split(0.8),"
                    + " or add one with withTest(examples)");
        }
    }

    /** @return whether there is a test set */
    public boolean hasTest() {
        return parts.test != null;
    }

    /** @return whether there is a validation set */
    public boolean hasValidation() {
        return parts.validation != null;
    }

    /** @return the training examples (scaled, when the set has a scaling) */
    public Examples train() {
        return parts.train;
    }

    /** @return the validation examples, or {@code null} when there are none */
    public Examples validationExamples() {
        return parts.validation;
    }

    /** @return the test examples, or {@code null} when there are none (see {@link #hasTest()}) */
    public Examples testExamples() {
        return parts.test;
    }

    /** @return how the columns of the CSV file this set was read from became features, if it was */
    public Optional<Schema> schema() {
        return Optional.ofNullable(schema);
    }

    /** @return the name shown in summaries */
    public String name() {
        return name;
    }

    /** @return the number of training examples */
    public int size() {
        return parts.train.size();
    }

    /** @return the number of examples per step */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether epochs are shuffled */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the shuffle seed */
    public long seed() {
        return seed;
    }

    /** @return the number of steps per epoch: size / batch size, rounded up (the last batch may be short) */
    public int batchesPerEpoch() {
        return (parts.train.size() + batchSize - 1) / batchSize;
    }

    /** @return the shape of one example, e.g. {@code [784]} */
    public int[] sampleShape() {
        return parts.train.sampleShape();
    }

    /** @return the number of classes; 0 for unlabeled data */
    public int numClasses() {
        return parts.train.numClasses();
    }

    /** @return one name per class id: the names given, or "0", "1", … when there are none */
    public List<String> classNames() {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        List<String> numbers = new ArrayList<>();
        for (int c = 0; c < parts.train.numClasses(); c++) {
            numbers.add(Integer.toString(c));
        }
        return List.copyOf(numbers);
    }

    /**
     * The order in which an epoch visits the training examples: indices into {@link #train()},
     * a permutation of {@code 0 … size()-1}. With shuffling on it depends only on (seed, epoch), so
     * runs are reproducible and each epoch differs; with shuffling off it is the identity.
     *
     * @param epoch the epoch number, counted from 0 (or 1; any int gives its own order)
     * @return a new array of {@code size()} distinct indices
     */
    public int[] epochOrder(int epoch) {
        if (!shuffle) {
            int[] identity = new int[parts.train.size()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return identity;
        }
        long mixed = seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xBF58476D1CE4E5B9L;
        return permutation(parts.train.size(), new SplittableRandom(mixed));
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
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
