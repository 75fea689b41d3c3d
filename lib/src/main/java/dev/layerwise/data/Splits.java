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
