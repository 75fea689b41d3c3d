package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.Locale;

/**
 * A net's loss and accuracy on a set of examples, measured without training.
 *
 * @param dataset the set's name
 * @param loss the mean loss
 * @param accuracy the fraction classified right
 * @param examples how many examples were measured
 */
public record Evaluation(String dataset, double loss, double accuracy, long examples) implements Displayable {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: accuracy %.2f%%, loss %.4f (%,d examples)",
                dataset, 100 * accuracy, loss, examples);
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
