package dev.layerwise.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An epoch's record while callbacks fill it in at {@link Event#EPOCH_MEASURE}: the loop gives the
 * count, time and completeness; the {@code "metrics"} callback the mean loss and accuracy; the
 * {@code "validation"} callback the test figures; a callback of your own any further metric by
 * name. Figures nobody gave are NaN in the record.
 */
public final class EpochFigures {
    private final int epoch;
    private final boolean complete;
    private final long examples;
    private final double seconds;
    private double loss = Double.NaN;
    private double accuracy = Double.NaN;
    private Evaluation test;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    EpochFigures(int epoch, boolean complete, long examples, double seconds) {
        this.epoch = epoch;
        this.complete = complete;
        this.examples = examples;
        this.seconds = seconds;
    }

    /** @return the epoch number, counting from 1 across calls */
    public int epoch() {
        return epoch;
    }

    /** @return false when a stop ended the epoch before its last batch */
    public boolean complete() {
        return complete;
    }

    /** @return examples trained on in the epoch */
    public long examples() {
        return examples;
    }

    /**
     * Sets the epoch's mean training loss and accuracy.
     *
     * @param meanLoss mean loss over the epoch's examples
     * @param fractionRight fraction of them classified right as they trained (NaN without labels)
     */
    public void training(double meanLoss, double fractionRight) {
        this.loss = meanLoss;
        this.accuracy = fractionRight;
    }

    /**
     * Sets the test-set measurement taken after the epoch.
     *
     * @param evaluation loss and accuracy on the test set
     */
    public void test(Evaluation evaluation) {
        this.test = evaluation;
    }

    /** @return the test-set measurement, or {@code null} when the epoch was not validated */
    public Evaluation test() {
        return test;
    }

    /**
     * Adds a further metric to the record, e.g. {@code metric("top3", 0.97)}.
     *
     * @param name its name
     * @param value its value
     */
    public void metric(String name, double value) {
        metrics.put(name, value);
    }

    EpochRecord toRecord() {
        return new EpochRecord(epoch, loss, accuracy, test == null ? Double.NaN : test.loss(),
                test == null ? Double.NaN : test.accuracy(), seconds, examples / Math.max(seconds, 1e-9), examples,
                complete, Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
    }
}
