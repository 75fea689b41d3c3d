package dev.layerwise.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded splits of a set's rows into parts of given sizes; stratified when the set has labels, so
 * that every part holds each class in the proportion the whole set has (as scikit-learn's
 * {@code train_test_split(..., stratify=y)}). Package-private, behind {@link Dataset#split}.
 */
final class Splits {
    private Splits() {}

    /** {@link Dataset#split(double)}: training and test parts of the training examples. */
    static Examples[] trainTest(String name, Examples all, Examples test, double trainFraction, long seed) {
        String method = "split(" + trainFraction + ")";
        requireFraction(method, trainFraction, "the training fraction", "e.g. 0.8 for 80% training and 20% test");
        if (test != null) {
            throw new IllegalStateException(method + ": " + name + " already has a test set of "
                    + Shapes.count(test.size()) + " examples; call withoutTest().split(...) to replace it");
        }
        int nTrain = (int) Math.round(all.size() * trainFraction);
        if (nTrain < 1 || nTrain >= all.size()) {
            throw new IllegalArgumentException(method + ": " + Shapes.count(all.size()) + " examples leave " + nTrain
                    + " for training and " + (all.size() - nTrain) + " for test; both need at least 1, so use more"
                    + " examples or another fraction");
        }
        int[][] idx = parts(all, new int[] {nTrain, all.size() - nTrain}, seed);
        return new Examples[] {all.select(idx[0]), all.select(idx[1]).named(all.name() + "/test")};
    }

    /** {@link Dataset#split(double, double)}: training, validation and test parts of the training examples. */
    static Examples[] trainValidationTest(String name, Examples all, Examples validation, Examples test,
            double trainFraction, double validationFraction, long seed) {
        String method = "split(" + trainFraction + ", " + validationFraction + ")";
        requireFraction(method, trainFraction, "the training fraction", "e.g. split(0.7, 0.15)");
        requireFraction(method, validationFraction, "the validation fraction", "e.g. split(0.7, 0.15)");
        if (!(trainFraction + validationFraction < 1)) {
            throw new IllegalArgumentException(method + ": the fractions add up to " + (trainFraction
                    + validationFraction) + ", leaving nothing for the test set; they must add up to less than 1,"
                    + " e.g. split(0.7, 0.15)");
        }
        if (test != null || validation != null) {
            throw new IllegalStateException(method + ": " + name + " already has a " + (test != null ? "test"
                    : "validation") + " set; split(train, validation) makes both from the training examples, so"
                    + " start from withoutTest(), or use validationSplit(fraction) to keep the test set");
        }
        int n = all.size();
        int nTrain = (int) Math.round(n * trainFraction);
        int nVal = (int) Math.round(n * validationFraction);
        if (nTrain < 1 || nVal < 1 || n - nTrain - nVal < 1) {
            throw new IllegalArgumentException(method + ": " + Shapes.count(n) + " examples leave " + nTrain + " for"
                    + " training, " + nVal + " for validation and " + (n - nTrain - nVal) + " for test; each needs at"
                    + " least 1, so use more examples or other fractions");
        }
        int[][] idx = parts(all, new int[] {nTrain, nVal, n - nTrain - nVal}, seed);
        return new Examples[] {all.select(idx[0]), all.select(idx[1]).named(all.name() + "/validation"),
            all.select(idx[2]).named(all.name() + "/test")};
    }

    /** {@link Dataset#validationSplit(double)}: training and validation parts of the training examples. */
    static Examples[] trainValidation(String name, Examples all, Examples validation, double fraction, long seed) {
        String method = "validationSplit(" + fraction + ")";
        requireFraction(method, fraction, "the validation fraction", "e.g. 0.1");
        if (validation != null) {
            throw new IllegalStateException(method + ": " + name + " already has a validation set of "
                    + Shapes.count(validation.size()) + " examples; split the training examples only once");
        }
        int nVal = (int) Math.round(all.size() * fraction);
        if (nVal < 1 || nVal >= all.size()) {
            throw new IllegalArgumentException(method + ": " + Shapes.count(all.size()) + " examples leave " + nVal
                    + " for validation and " + (all.size() - nVal) + " for training; both need at least 1");
        }
        int[][] idx = parts(all, new int[] {all.size() - nVal, nVal}, seed);
        return new Examples[] {all.select(idx[0]), all.select(idx[1]).named(all.name() + "/validation")};
    }

    private static void requireFraction(String method, double f, String what, String example) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException(method + ": " + what + " must be strictly between 0 and 1, " + example);
        }
    }

    /**
     * Row indices of each part, each part in a random order.
     *
     * @param ex the rows to split
     * @param sizes how many rows each part gets; they sum to {@code ex.size()}
     * @param seed the seed: the same seed gives the same parts
     */
    static int[][] parts(Examples ex, int[] sizes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] out;
        if (!ex.hasLabels()) {
            int[] order = Dataset.permutation(ex.size(), random);
            out = new int[sizes.length][];
            int from = 0;
            for (int p = 0; p < sizes.length; p++) {
                out[p] = Arrays.copyOfRange(order, from, from + sizes[p]);
                from += sizes[p];
            }
            return out;
        }
        int[][] byClass = byClass(ex);
        for (int[] members : byClass) {
            shuffle(members, random);
        }
        int[][] quota = quotas(byClass, sizes);
        out = new int[sizes.length][];
        int[] cursor = new int[byClass.length];
        for (int p = 0; p < sizes.length; p++) {
            out[p] = new int[sizes[p]];
            int at = 0;
            for (int c = 0; c < byClass.length; c++) {
                System.arraycopy(byClass[c], cursor[c], out[p], at, quota[p][c]);
                cursor[c] += quota[p][c];
                at += quota[p][c];
            }
            shuffle(out[p], random);
        }
        return out;
    }

    /**
     * How many rows of each class each part gets: each part's share of every class, rounded by
     * largest remainders so that the parts have exactly their sizes and each class is used up.
     */
    static int[][] quotas(int[][] byClass, int[] sizes) {
        int classes = byClass.length;
        int total = Arrays.stream(sizes).sum();
        int[] left = new int[classes];
        for (int c = 0; c < classes; c++) {
            left[c] = byClass[c].length;
        }
        int[][] quota = new int[sizes.length][classes];
        int remainingTotal = total;
        for (int p = 0; p < sizes.length - 1; p++) {
            double share = remainingTotal == 0 ? 0 : (double) sizes[p] / remainingTotal;
            double[] exact = new double[classes];
            int assigned = 0;
            for (int c = 0; c < classes; c++) {
                exact[c] = left[c] * share;
                quota[p][c] = (int) Math.floor(exact[c]);
                assigned += quota[p][c];
            }
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                order.add(c);
            }
            int[] q = quota[p];
            order.sort((a, b) -> Double.compare(exact[b] - q[b], exact[a] - q[a]));
            for (int k = 0; assigned < sizes[p]; k = (k + 1) % classes) {
                int c = order.get(k);
                if (quota[p][c] < left[c]) {
                    quota[p][c]++;
                    assigned++;
                }
            }
            for (int c = 0; c < classes; c++) {
                left[c] -= quota[p][c];
            }
            remainingTotal -= sizes[p];
        }
        quota[sizes.length - 1] = left;
        return quota;
    }

    private static int[][] byClass(Examples ex) {
        int[] counts = ex.classCounts();
        int[][] members = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            members[c] = new int[counts[c]];
        }
        int[] at = new int[counts.length];
        for (int i = 0; i < ex.size(); i++) {
            int c = ex.labelAt(i);
            members[c][at[c]++] = i;
        }
        return members;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
