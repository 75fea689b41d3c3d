package dev.layerwise.train;

import java.util.Map;

/**
 * What one epoch did. Test figures are NaN when the data has no test set.
 *
 * @param epoch the epoch number, counting from 1 across all {@code fit} calls
 * @param loss mean training loss over the epoch's batches (weighted by batch size)
 * @param accuracy training accuracy over the epoch, measured as it trained
 * @param testLoss loss on the test set after the epoch
 * @param testAccuracy accuracy on the test set after the epoch
 * @param seconds wall time of the epoch's training steps
 * @param samplesPerSecond training throughput
 * @param examples examples seen in the epoch
 * @param complete false when the epoch was stopped early
 * @param metrics further metrics by name, from callbacks at {@link Event#EPOCH_MEASURE}
 */
public record EpochRecord(int epoch, double loss, double accuracy, double testLoss, double testAccuracy,
        double seconds, double samplesPerSecond, long examples, boolean complete, Map<String, Double> metrics) {}
