package dev.layerwise.train;

import dev.layerwise.data.Dataset;

import java.util.List;

/**
 * What a net predicted for each example of a labelled set, as an evaluation read it back in one
 * piece: the true class, the predicted class (the largest output), the confidence of that
 * prediction, and the rank of the true class among the outputs. Everything the explaining views
 * of an {@link Evaluation} show is computed from these numbers on the Java side.
 */
public final class Predictions {
    private final Dataset set;
    private final int[] truth;
    private final int[] predicted;
    private final float[] confidence;
    private final int[] trueRank;
    private final String confidenceName;

    /**
     * @param set the examples, their class names and labels, in the order of the arrays
     * @param predicted each example's predicted class
     * @param confidence each prediction's confidence, e.g. its softmax probability
     * @param trueRank how many outputs rank above the true class's (0 when the prediction is right)
     * @param confidenceName what the confidence is, e.g. "probability"
     */
    Predictions(Dataset set, int[] predicted, float[] confidence, int[] trueRank, String confidenceName) {
        int n = set.size();
        if (predicted.length != n || confidence.length != n || trueRank.length != n) {
            throw new IllegalArgumentException("Predictions: " + predicted.length + " predictions, "
                    + confidence.length + " confidences and " + trueRank.length + " ranks for " + n + " examples.");
        }
        this.set = set;
        this.truth = set.train().labels();
        this.predicted = predicted;
        this.confidence = confidence;
        this.trueRank = trueRank;
        this.confidenceName = confidenceName;
    }

    /** @return the examples these predictions are for */
    public Dataset set() {
        return set;
    }

    /** @return how many examples */
    public int size() {
        return truth.length;
    }

    /** @return the class names, by class id */
    public List<String> classNames() {
        return set.classNames();
    }

    /** @return each example's true class, copied */
    public int[] truth() {
        return truth.clone();
    }

    /** @return each example's predicted class (the index of its largest output), copied */
    public int[] predicted() {
        return predicted.clone();
    }

    /** @return each prediction's confidence (see {@link #confidenceName()}), copied */
    public float[] confidence() {
        return confidence.clone();
    }

    /**
     * How many outputs rank above each example's true class, copied: 0 when the prediction is
     * right, and the example counts toward top-k accuracy when it is below k. Equal outputs rank
     * by class id, the lower first, as the predicted class does.
     *
     * @return the ranks
     */
    public int[] trueRank() {
        return trueRank.clone();
    }

    /**
     * @return what the confidence is: "probability" (the softmax of the outputs, for softmax
     *     cross-entropy), "sigmoid output" (for a net whose binary cross-entropy takes its logits),
     *     or "output" (the largest output itself)
     */
    public String confidenceName() {
        return confidenceName;
    }

    int truthAt(int i) {
        return truth[i];
    }

    int predictedAt(int i) {
        return predicted[i];
    }

    float confidenceAt(int i) {
        return confidence[i];
    }

    int rankAt(int i) {
        return trueRank[i];
    }
}
