package dev.layerwise.data;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training examples, optional test examples and how to feed them (batch size, shuffle, seed), as
 * one immutable value; use it to say what a learner trains on, e.g.
 * {@code Datasets.fashionMnist().subset(10_000).batchSize(10).seed(42)}.
 *
 * <p>Every fluent method returns a new value that shares the underlying arrays, so subsets and
 * reshapes are cheap and re-running a notebook cell never changes an earlier value. Defaults: batch
 * size 32, shuffling on, seed 42. A data set renders as one line of text and, in a notebook, as a
 * summary table with a strip of sample images per class.
 */
public final class Dataset implements Displayable {
    /** The batch size of a new data set. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The shuffle seed of a new data set. */
    public static final long DEFAULT_SEED = 42;

    private final String name;
    private final Examples train;
    private final Examples test;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final List<String> classNames;

    private Dataset(String name, Examples train, Examples test, int batchSize, boolean shuffle, long seed,
            List<String> classNames) {
        this.name = name;
        this.train = train;
        this.test = test;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.classNames = classNames;
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
        return new Dataset(train.name(), train, null, DEFAULT_BATCH_SIZE, true, DEFAULT_SEED, List.of());
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

    private Dataset with(Examples newTrain, Examples newTest) {
        return new Dataset(name, newTrain, newTest, batchSize, shuffle, seed, classNames);
    }

    /**
     * This data set under another name, shown in summaries.
     *
     * @param newName e.g. {@code "fashion-mnist"}
     * @return a new value
     */
    public Dataset named(String newName) {
        return new Dataset(Objects.requireNonNull(newName, "name"), train, test, batchSize, shuffle, seed,
                classNames);
    }

    /**
     * This data set with human-readable class names, used in summaries and plots.
     *
     * @param names one name per class, in class-id order
     * @return a new value
     */
    public Dataset withClassNames(String... names) {
        if (names == null || java.util.Arrays.stream(names).anyMatch(n -> n == null)) {
            throw new IllegalArgumentException("withClassNames: got " + (names == null ? "null" : "a null name in "
                    + java.util.Arrays.toString(names)) + "; give one non-null name per class id.");
        }
        if (names.length != train.numClasses()) {
            throw new IllegalArgumentException("withClassNames: got " + names.length + " names for "
                    + train.numClasses() + " classes; give exactly one name per class id");
        }
        return new Dataset(name, train, test, batchSize, shuffle, seed, List.of(names));
    }

    /**
     * This data set with a (new) test set.
     *
     * @param newTest held-out examples with the same sample size and number of classes as training
     * @return a new value
     */
    public Dataset withTest(Examples newTest) {
        Objects.requireNonNull(newTest, "test examples");
        if (newTest.sampleSize() != train.sampleSize() || newTest.numClasses() != train.numClasses()) {
            throw new IllegalArgumentException("withTest: test examples " + Shapes.format(newTest.sampleShape())
                    + " with " + newTest.numClasses() + " classes do not match training examples "
                    + Shapes.format(train.sampleShape()) + " with " + train.numClasses()
                    + " classes; both sets must have the same sample size and classes");
        }
        return with(train, newTest.reshape(train.sampleShape()));
    }

    /** @return this data set without its test set; e.g. before {@link #split(double)} */
    public Dataset withoutTest() {
        return with(train, null);
    }

    /**
     * The first n training examples; the test set stays as it is.
     *
     * @param n from 1 to {@code size()}
     * @return a new value sharing the data
     */
    public Dataset subset(int n) {
        if (n < 1 || n > train.size()) {
            throw new IllegalArgumentException("subset(" + n + "): the training set of " + name + " has "
                    + Shapes.count(train.size()) + " examples; choose n from 1 to " + Shapes.count(train.size())
                    + (n < 1 ? " (a subset needs at least 1 example)" : ""));
        }
        return with(train.subset(n), test);
    }

    /**
     * The first n test examples; for quick evaluations.
     *
     * @param n from 1 to the test set's size
     * @return a new value sharing the data
     */
    public Dataset testSubset(int n) {
        Examples t = requireTest("testSubset(" + n + ")");
        if (n < 1 || n > t.size()) {
            throw new IllegalArgumentException("testSubset(" + n + "): the test set of " + name + " has "
                    + Shapes.count(t.size()) + " examples; choose n from 1 to " + Shapes.count(t.size()));
        }
        return with(train, t.subset(n));
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
        return new Dataset(name, train, test, b, shuffle, seed, classNames);
    }

    /**
     * The seed of the shuffled epoch orders; the same seed gives the same orders.
     *
     * @param newSeed any long
     * @return a new value
     */
    public Dataset seed(long newSeed) {
        return new Dataset(name, train, test, batchSize, shuffle, newSeed, classNames);
    }

    /**
     * Whether each epoch visits the training examples in a new random order (on by default).
     *
     * @param on false to keep the stored order in every epoch
     * @return a new value
     */
    public Dataset shuffle(boolean on) {
        return new Dataset(name, train, test, batchSize, on, seed, classNames);
    }

    /**
     * Samples as one-channel square images, {@code [1, s, s]}, for conv nets; flat samples of
     * s × s values are reshaped, {@code [c, h, w]} samples stay as they are.
     *
     * @return a new value sharing the data
     */
    public Dataset images() {
        int[] shape = train.sampleShape();
        if (shape.length == 3) {
            return this;
        }
        int side = Shapes.squareSide(train.sampleSize());
        if (side < 0 || (shape.length != 1 && shape.length != 2)) {
            throw new IllegalArgumentException("images(): samples of shape " + Shapes.format(shape) + " ("
                    + train.sampleSize() + " values) are not a square image; use reshape(c, h, w) with"
                    + " the real channel, height and width");
        }
        return reshape(1, side, side);
    }

    /** @return samples as flat vectors, {@code [c × h × w]}, for dense nets; shares the data */
    public Dataset flat() {
        return reshape(train.sampleSize());
    }

    /**
     * Samples of another shape with the same number of values, in training and test sets.
     *
     * @param shape e.g. {@code 1, 28, 28}
     * @return a new value sharing the data
     */
    public Dataset reshape(int... shape) {
        return with(train.reshape(shape), test == null ? null : test.reshape(shape));
    }

    /**
     * Splits the training examples at random (from the seed) into training and test sets; for
     * data that comes without a test set.
     *
     * @param trainFraction the share kept for training, strictly between 0 and 1, e.g. 0.8
     * @return a new value whose test set is the rest
     */
    public Dataset split(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("split(" + trainFraction + "): the training fraction must be"
                    + " strictly between 0 and 1, e.g. 0.8 for 80% training and 20% test");
        }
        if (test != null) {
            throw new IllegalStateException("split(" + trainFraction + "): " + name + " already has a test set of "
                    + Shapes.count(test.size()) + " examples; call withoutTest().split(...) to replace it");
        }
        int nTrain = (int) Math.round(train.size() * trainFraction);
        if (nTrain < 1 || nTrain >= train.size()) {
            throw new IllegalArgumentException("split(" + trainFraction + "): " + Shapes.count(train.size())
                    + " examples leave " + nTrain + " for training and " + (train.size() - nTrain)
                    + " for test; both need at least 1, so use more examples or another fraction");
        }
        int[] order = permutation(train.size(), new SplittableRandom(seed));
        return with(train.select(Arrays.copyOfRange(order, 0, nTrain)),
                train.select(Arrays.copyOfRange(order, nTrain, order.length)).named(train.name() + "/test"));
    }

    /**
     * The test set as a data set of its own (as training examples, no shuffling), so that
     * {@code learner.evaluate(data.test())} evaluates on held-out data.
     *
     * @return a data set whose training examples are this set's test examples
     */
    public Dataset test() {
        Examples t = requireTest("test()");
        return new Dataset(name + " (test)", t, null, batchSize, false, seed, classNames);
    }

    private Examples requireTest(String method) {
        if (test == null) {
            throw new IllegalStateException(method + ": " + name + " has no test set; make one with split(0.8),"
                    + " or add one with withTest(examples)");
        }
        return test;
    }

    /** @return whether there is a test set */
    public boolean hasTest() {
        return test != null;
    }

    /** @return the training examples */
    public Examples train() {
        return train;
    }

    /** @return the test examples, or {@code null} when there are none (see {@link #hasTest()}) */
    public Examples testExamples() {
        return test;
    }

    /** @return the name shown in summaries */
    public String name() {
        return name;
    }

    /** @return the number of training examples */
    public int size() {
        return train.size();
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
        return (train.size() + batchSize - 1) / batchSize;
    }

    /** @return the shape of one example, e.g. {@code [784]} */
    public int[] sampleShape() {
        return train.sampleShape();
    }

    /** @return the number of classes; 0 for unlabeled data */
    public int numClasses() {
        return train.numClasses();
    }

    /** @return one name per class id: the names given, or "0", "1", … when there are none */
    public List<String> classNames() {
        if (!classNames.isEmpty()) {
            return classNames;
        }
        List<String> numbers = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
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
            int[] identity = new int[train.size()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return identity;
        }
        long mixed = seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xBF58476D1CE4E5B9L;
        return permutation(train.size(), new SplittableRandom(mixed));
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
        StringBuilder s = new StringBuilder("Dataset ").append(name).append(": ")
                .append(Shapes.count(train.size())).append(" train × ").append(Shapes.format(train.sampleShape()));
        if (train.hasLabels()) {
            s.append(" → ").append(train.numClasses()).append(train.numClasses() == 1 ? " class" : " classes");
        } else if (train.hasTargets()) {
            s.append(" → targets ").append(Shapes.format(train.targetShape()));
        } else {
            s.append(", unlabeled");
        }
        s.append(test == null ? ", no test set" : ", test " + Shapes.count(test.size()));
        s.append(", batch ").append(batchSize);
        s.append(shuffle ? ", shuffle seed " + seed : ", no shuffle");
        return s.toString();
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
