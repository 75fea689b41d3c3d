package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.Locale;

/**
 * Top-k accuracy: the fraction of examples whose true class is among the net's k largest outputs
 * (scikit-learn's {@code top_k_accuracy_score}). Equal outputs rank by class id, the lower first,
 * so top-1 accuracy is the accuracy.
 *
 * @param dataset the set's name
 * @param k how many of the largest outputs count
 * @param right examples whose true class is among them
 * @param examples examples measured
 */
public record TopK(String dataset, int k, long right, long examples) implements Displayable {
    /** @return {@code right / examples} */
    public double accuracy() {
        return examples == 0 ? Double.NaN : right / (double) examples;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "top-%d accuracy on %s: %.2f%% (%,d of %,d examples have their true class"
                + " among the %d largest outputs)", k, dataset, 100 * accuracy(), right, examples, k);
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
