package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A net's loss and accuracy on a set of examples, measured without training, and for labelled
 * data the views that explain them: {@link #confusion()} (which classes are mistaken for which),
 * {@link #report()} (precision, recall and F1 per class), {@link #topK(int)} and
 * {@link #confidentlyWrong(int)} (the mistakes the net was surest of). All of them come from one
 * pass over the set, whose predictions were read back once:
 * {@code var ev = learner.evaluate(); ev.confusion(); ev.report(); ev.topK(5); ev.confidentlyWrong(16);}
 */
public final class Evaluation implements Displayable {
    private final String dataset;
    private final double loss;
    private final double accuracy;
    private final long examples;
    private final Predictions predictions;
    private ConfusionMatrix confusion;

    /**
     * An evaluation without per-example predictions (as of data without labels).
     *
     * @param dataset the set's name
     * @param loss the mean loss
     * @param accuracy the fraction classified right, NaN without labels
     * @param examples how many examples were measured
     */
    public Evaluation(String dataset, double loss, double accuracy, long examples) {
        this(dataset, loss, accuracy, examples, null);
    }

    Evaluation(String dataset, double loss, double accuracy, long examples, Predictions predictions) {
        this.dataset = dataset;
        this.loss = loss;
        this.accuracy = accuracy;
        this.examples = examples;
        this.predictions = predictions;
    }

    /** @return the set's name */
    public String dataset() {
        return dataset;
    }

    /** @return the mean loss */
    public double loss() {
        return loss;
    }

    /** @return the fraction classified right; NaN for data without labels */
    public double accuracy() {
        return accuracy;
    }

    /** @return how many examples were measured */
    public long examples() {
        return examples;
    }

    /** @return whether the set had class labels, so that the classification views below work */
    public boolean hasClasses() {
        return predictions != null;
    }

    /** @return each example's true and predicted class, confidence and rank of the true class */
    public Predictions predictions() {
        return requireClasses("predictions()");
    }

    /** @return the confusion matrix: rows true classes, columns predicted ones, with class names */
    public synchronized ConfusionMatrix confusion() {
        Predictions p = requireClasses("confusion()");
        if (confusion == null) {
            int[] truth = new int[p.size()];
            int[] predicted = new int[p.size()];
            for (int i = 0; i < p.size(); i++) {
                truth[i] = p.truthAt(i);
                predicted[i] = p.predictedAt(i);
            }
            confusion = ConfusionMatrix.of(dataset, truth, predicted, p.classNames());
        }
        return confusion;
    }

    /** @return precision, recall, F1 and support per class, with macro and weighted averages */
    public ClassificationReport report() {
        requireClasses("report()");
        return ClassificationReport.of(confusion());
    }

    /**
     * Top-k accuracy: how often the true class is among the k largest outputs.
     *
     * @param k from 1 (the accuracy) to the number of classes
     * @return the top-k accuracy
     */
    public TopK topK(int k) {
        Predictions p = requireClasses("topK(" + k + ")");
        int classes = p.classNames().size();
        if (k < 1 || k > classes) {
            throw new IllegalArgumentException("topK(" + k + "): k must be from 1 to " + classes + ", the number of"
                    + " classes of " + dataset + " (topK(1) is the accuracy); e.g. topK(" + Math.min(classes, 5) + ").");
        }
        long right = 0;
        for (int i = 0; i < p.size(); i++) {
            right += p.rankAt(i) < k ? 1 : 0;
        }
        return new TopK(dataset, k, right, p.size());
    }

    /**
     * The wrong predictions the net was surest of, most confident first, as a gallery of images
     * (or a table for data that is not images).
     *
     * @param n how many at most, at least 1 (all wrong ones when fewer)
     * @return the mistakes
     */
    public ConfidentlyWrong confidentlyWrong(int n) {
        Predictions p = requireClasses("confidentlyWrong(" + n + ")");
        if (n < 1) {
            throw new IllegalArgumentException("confidentlyWrong(" + n + "): ask for at least 1 example, e.g."
                    + " confidentlyWrong(16).");
        }
        return ConfidentlyWrong.of(p, n);
    }

    private Predictions requireClasses(String call) {
        if (predictions == null) {
            throw new IllegalStateException(call + ": the evaluation on " + dataset + " has no class labels (its data"
                    + " has regression targets, or no labels), so there are no right and wrong classes to show."
                    + " confusion(), report(), topK(k) and confidentlyWrong(n) need labelled data: evaluate a labelled"
                    + " set, e.g. learner.evaluate(data.test()); for regression, loss() is the measure.");
        }
        return predictions;
    }

    /** @return e.g. {@code fashion-mnist (test): accuracy 85.25%, loss 0.4216 (10,000 examples)}; no accuracy unlabelled */
    @Override
    public String toString() {
        if (Double.isNaN(accuracy)) {
            return String.format(Locale.ROOT, "%s: loss %.4f (%,d examples)", dataset, loss, examples);
        }
        return String.format(Locale.ROOT, "%s: accuracy %.2f%%, loss %.4f (%,d examples)",
                dataset, 100 * accuracy, loss, examples);
    }

    /** The summary line; for labelled data also a table with top-k accuracy and the most frequent mistakes. */
    @Override
    public MimeBundle toMimeBundle() {
        if (predictions == null) {
            return MimeBundle.text(toString());
        }
        int classes = predictions.classNames().size();
        TextTable t = new TextTable(List.of("", "value"));
        t.row(List.of("examples", String.format(Locale.ROOT, "%,d", examples)));
        t.row(List.of("loss", String.format(Locale.ROOT, "%.4f", loss)));
        t.row(List.of("accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * accuracy)));
        for (int k : new int[] {2, 3, 5}) {
            if (k < classes) {
                t.row(List.of("top-" + k + " accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * topK(k).accuracy())));
            }
        }
        confusion().mostConfused(3).forEach(c -> t.row(List.of("mistaken: " + c.trueClass() + " → "
                + c.predictedClass(), Long.toString(c.count()))));
        String hint = "confusion(), report(), topK(k) and confidentlyWrong(n) show more.";
        String html = t.html("Evaluation on " + dataset, null) + "<p style=\"margin:4px 0\">"
                + TextTable.escape(hint) + "</p>";
        return MimeBundle.text(toString()).withHtml("<div class=\"layerwise-evaluation\">" + html + "</div>");
    }

    /** Evaluations with the same set name and figures are equal, as when this was a record. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && dataset.equals(e.dataset) && Double.compare(loss, e.loss) == 0
                && Double.compare(accuracy, e.accuracy) == 0 && examples == e.examples;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, loss, accuracy, examples);
    }
}
