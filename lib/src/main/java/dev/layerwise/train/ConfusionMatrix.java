package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How often each true class was predicted as each class: row = true class, column = predicted
 * class, as scikit-learn's {@code confusion_matrix}; the diagonal holds the right predictions. It
 * shows itself as a table with class names (text and HTML) and as a heat map; {@link #chart()}
 * gives the heat map to save.
 */
public final class ConfusionMatrix implements Displayable {
    private final String dataset;
    private final List<String> classNames;
    private final long[][] counts;

    private ConfusionMatrix(String dataset, List<String> classNames, long[][] counts) {
        this.dataset = dataset;
        this.classNames = List.copyOf(classNames);
        this.counts = counts;
    }

    /**
     * The matrix of given predictions, e.g. to compare with another tool's.
     *
     * @param truth each example's true class id
     * @param predicted each example's predicted class id
     * @param classNames one name per class id
     * @return the matrix
     */
    public static ConfusionMatrix of(int[] truth, int[] predicted, List<String> classNames) {
        return of("given predictions", truth, predicted, classNames);
    }

    static ConfusionMatrix of(String dataset, int[] truth, int[] predicted, List<String> classNames) {
        if (truth == null || predicted == null || classNames == null) {
            throw new IllegalArgumentException("ConfusionMatrix.of: expected true classes, predicted classes and class"
                    + " names, got " + (truth == null ? "no true classes" : predicted == null ? "no predicted classes"
                    : "no class names") + ".");
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + truth.length + " true classes but "
                    + predicted.length + " predictions; expected one of each per example.");
        }
        int k = classNames.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("ConfusionMatrix.of: example " + i + " has true class " + truth[i]
                        + " and predicted class " + predicted[i] + "; with " + k + " class names both must be in 0 … "
                        + (k - 1) + ".");
            }
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(dataset, classNames, counts);
    }

    /** @return the name of the set the predictions are for */
    public String dataset() {
        return dataset;
    }

    /** @return the class names, by class id: the rows' and the columns' labels */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of classes */
    public int classes() {
        return classNames.size();
    }

    /**
     * @param trueClass the row
     * @param predictedClass the column
     * @return how many examples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public long count(int trueClass, int predictedClass) {
        return counts[index(trueClass)][index(predictedClass)];
    }

    /**
     * The count by class names, e.g. {@code count("Shirt", "T-shirt/top")}.
     *
     * @param trueClass the row's class name
     * @param predictedClass the column's class name
     * @return how many examples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public long count(String trueClass, String predictedClass) {
        return counts[index(trueClass)][index(predictedClass)];
    }

    /** @return a copy of the counts, {@code [true class][predicted class]} */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            copy[r] = counts[r].clone();
        }
        return copy;
    }

    /** @return how many examples: the sum of all cells */
    public long total() {
        long sum = 0;
        for (long[] row : counts) {
            for (long v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** @return how many were predicted right: the sum of the diagonal */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    /**
     * @param trueClass a class id
     * @return how many examples of that class the set holds (the row's sum, its support)
     */
    public long support(int trueClass) {
        long sum = 0;
        for (long v : counts[index(trueClass)]) {
            sum += v;
        }
        return sum;
    }

    /**
     * @param predictedClass a class id
     * @return how many examples were predicted as that class (the column's sum)
     */
    public long predicted(int predictedClass) {
        int c = index(predictedClass);
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /**
     * Each row divided by its sum, as scikit-learn's {@code normalize="true"}: the fraction of each
     * true class predicted as each class; the diagonal is each class's recall. A class with no
     * examples has a row of zeros.
     *
     * @return {@code [true class][predicted class]} fractions
     */
    public double[][] rowFractions() {
        double[][] out = new double[counts.length][counts.length];
        for (int r = 0; r < counts.length; r++) {
            long sum = support(r);
            for (int c = 0; c < counts.length; c++) {
                out[r][c] = sum == 0 ? 0 : counts[r][c] / (double) sum;
            }
        }
        return out;
    }

    /** One cell off the diagonal: a kind of mistake and how often it was made. */
    public record Confusion(String trueClass, String predictedClass, long count) {
        @Override
        public String toString() {
            return trueClass + " predicted as " + predictedClass + ": " + count;
        }
    }

    /**
     * The most frequent mistakes, largest first (ties by class id), as fastai's {@code most_confused}.
     *
     * @param n how many at most; cells with no mistakes are left out
     * @return the mistakes
     */
    public List<Confusion> mostConfused(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("mostConfused(" + n + "): ask for at least 1, e.g. mostConfused(5).");
        }
        List<Confusion> all = new ArrayList<>();
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts.length; c++) {
                if (r != c && counts[r][c] > 0) {
                    all.add(new Confusion(classNames.get(r), classNames.get(c), counts[r][c]));
                }
            }
        }
        all.sort(Comparator.comparingLong(Confusion::count).reversed()); // stable: ties keep class order
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** @return the heat map: true classes down, predicted classes across, counts in the cells */
    public Chart chart() {
        return ConfusionView.chart(this);
    }

    private int index(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("Class " + c + " is not in this matrix; class ids run from 0 to "
                    + (counts.length - 1) + " (" + String.join(", ", classNames) + ").");
        }
        return c;
    }

    private int index(String name) {
        int c = classNames.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("No class named '" + name + "' in this matrix; its classes are "
                    + String.join(", ", classNames) + ".");
        }
        return c;
    }

    /** @return the matrix as an aligned text table with class names */
    @Override
    public String toString() {
        return ConfusionView.text(this);
    }

    /** The text table, and in HTML a table with class names and the heat map beside it. */
    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).withHtml(ConfusionView.html(this));
    }
}
