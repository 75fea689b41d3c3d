package dev.layerwise.plot;

/**
 * An event on a chart's step axis, drawn as a labelled vertical line: an optimizer switch, a
 * schedule change, a restart. Pass a list of them to {@link Charts#history(dev.layerwise.train.History,
 * java.util.List)} and the other step charts.
 *
 * @param step the training step where it happened
 * @param label a few words, e.g. {@code "sgd → rmsprop"}
 */
public record Marker(long step, String label) {
    /** Checks the label. */
    public Marker {
        if (label == null) {
            throw new IllegalArgumentException("Marker(" + step + ", null): give the event a label, e.g. \"rmsprop\".");
        }
    }
}
