package dev.layerwise.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What every {@link Dataset} holds and tells: its example sets, name, classes and shapes, and how an
 * epoch is fed (batch size, shuffling, seed, scaling, augmentation, each epoch's order and examples).
 * The methods that make a new data set live on {@code Dataset}; these live in this file to keep it
 * short, and users only ever see them as methods of {@code Dataset}.
 */
public abstract sealed class DatasetContents permits Dataset {
    final String name;
    final Parts parts;
    final int batchSize;
    final boolean shuffle;
    final long seed;
    final List<String> classNames;
    final Schema schema;
    final Augmentation augmentation;

    DatasetContents(String name, Parts parts, int batchSize, boolean shuffle, long seed, List<String> classNames,
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

    /** @return the scaling fitted on the training examples, when the set has one */
    public Optional<FeatureScaler> scaler() {
        return Optional.ofNullable(parts.scaler);
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

    /** @return whether there is a validation or a test set to check training on */
    public boolean hasHeldOut() {
        return parts.validation != null || parts.test != null;
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
}
