package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, F1 and support per class, with their macro and weighted averages, read from a
 * confusion matrix with scikit-learn's {@code classification_report} conventions:
 * precision = right / predicted as the class, recall = right / examples of the class,
 * F1 = 2 · precision · recall / (precision + recall). A ratio of 0/0 (a class never predicted, or
 * predicted but absent from the set) is reported as 0, as scikit-learn's default
 * {@code zero_division} does, and a note names it. Classes neither in the set nor predicted are
 * left out of the rows and the averages, as scikit-learn leaves out labels it does not see.
 */
public final class ClassificationReport implements Displayable {
    /**
     * One row of the report.
     *
     * @param name the class name, or "macro avg" / "weighted avg"
     * @param precision right / predicted as the class
     * @param recall right / examples of the class
     * @param f1 the harmonic mean of precision and recall
     * @param support examples of the class in the set (for an average, of all classes)
     */
    public record Scores(String name, double precision, double recall, double f1, long support) {}

    private final String dataset;
    private final List<Scores> classes;
    private final Scores macro;
    private final Scores weighted;
    private final double accuracy;
    private final long total;
    private final List<String> notes;

    private ClassificationReport(String dataset, List<Scores> classes, Scores macro, Scores weighted, double accuracy,
            long total, List<String> notes) {
        this.dataset = dataset;
        this.classes = List.copyOf(classes);
        this.macro = macro;
        this.weighted = weighted;
        this.accuracy = accuracy;
        this.total = total;
        this.notes = List.copyOf(notes);
    }

    /**
     * The report of a confusion matrix.
     *
     * @param m the matrix, rows true classes, columns predicted ones
     * @return the report
     */
    public static ClassificationReport of(ConfusionMatrix m) {
        List<Scores> rows = new ArrayList<>();
        List<String> neverPredicted = new ArrayList<>();
        List<String> notInSet = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        for (int c = 0; c < m.classes(); c++) {
            String name = m.classNames().get(c);
            long right = m.count(c, c);
            long predicted = m.predicted(c);
            long support = m.support(c);
            if (predicted == 0 && support == 0) {
                unseen.add(name);
                continue;
            }
            if (predicted == 0) {
                neverPredicted.add(name);
            }
            if (support == 0) {
                notInSet.add(name);
            }
            double precision = ratio(right, predicted);
            double recall = ratio(right, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            rows.add(new Scores(name, precision, recall, f1, support));
        }
        long total = m.total();
        Scores macro = average("macro avg", rows, false, total);
        Scores weighted = average("weighted avg", rows, true, total);
        List<String> notes = new ArrayList<>();
        if (!neverPredicted.isEmpty()) {
            notes.add("Never predicted, so precision is 0/0, reported as 0 (scikit-learn's zero_division default): "
                    + String.join(", ", neverPredicted) + ".");
        }
        if (!notInSet.isEmpty()) {
            notes.add("No examples in this set, so recall is 0/0, reported as 0 (scikit-learn's zero_division default): "
                    + String.join(", ", notInSet) + ".");
        }
        if (!unseen.isEmpty()) {
            notes.add("Neither in this set nor predicted, so left out of the rows and the averages (as scikit-learn"
                    + " does): " + String.join(", ", unseen) + ".");
        }
        return new ClassificationReport(m.dataset(), rows, macro, weighted, ratio(m.correct(), total), total, notes);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : a / (double) b;
    }

    private static Scores average(String name, List<Scores> rows, boolean bySupport, long total) {
        double p = 0;
        double r = 0;
        double f = 0;
        double weights = 0;
        for (Scores s : rows) {
            double w = bySupport ? s.support() : 1;
            p += w * s.precision();
            r += w * s.recall();
            f += w * s.f1();
            weights += w;
        }
        return weights == 0 ? new Scores(name, 0, 0, 0, total)
                : new Scores(name, p / weights, r / weights, f / weights, total);
    }

    /** @return one row per class present in the set or predicted, by class id */
    public List<Scores> classes() {
        return classes;
    }

    /**
     * One class's row.
     *
     * @param className its name, e.g. "Shirt"
     * @return its scores
     */
    public Scores get(String className) {
        for (Scores s : classes) {
            if (s.name().equals(className)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No row for '" + className + "' in this report; its rows are "
                + String.join(", ", classes.stream().map(Scores::name).toList()) + ".");
    }

    /** @return the unweighted mean over the classes, each counting the same */
    public Scores macroAverage() {
        return macro;
    }

    /** @return the mean weighted by each class's support */
    public Scores weightedAverage() {
        return weighted;
    }

    /** @return the fraction predicted right */
    public double accuracy() {
        return accuracy;
    }

    /** @return notes on ratios of 0/0 reported as 0 and classes left out; empty when there are none */
    public List<String> notes() {
        return notes;
    }

    private TextTable table() {
        TextTable t = new TextTable(List.of("", "precision", "recall", "f1-score", "support"));
        classes.forEach(s -> t.row(cells(s)));
        t.gap();
        t.row(List.of("accuracy", "", "", fmt(accuracy), Long.toString(total)));
        t.row(cells(macro));
        t.row(cells(weighted));
        return t;
    }

    private static List<String> cells(Scores s) {
        return List.of(s.name(), fmt(s.precision()), fmt(s.recall()), fmt(s.f1()), Long.toString(s.support()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private String title() {
        return String.format(Locale.ROOT, "Classification report on %s (%,d examples)", dataset, total);
    }

    /** @return the report as scikit-learn prints it, with the notes below */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(title()).append('\n').append(table().text().stripTrailing());
        notes.forEach(n -> s.append("\nNote: ").append(n));
        return s.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div class=\"layerwise-report\">").append(table().html(title(), null));
        notes.forEach(n -> html.append("<p style=\"margin:4px 0\">Note: ").append(TextTable.escape(n)).append("</p>"));
        return MimeBundle.text(toString()).withHtml(html.append("</div>").toString());
    }
}
