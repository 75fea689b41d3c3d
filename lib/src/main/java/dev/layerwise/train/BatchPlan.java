package dev.layerwise.train;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.BatchNorm;
import dev.layerwise.nn.Net;

/**
 * How many batches an epoch trains. Batch norm cannot normalize a batch of one example in training
 * (its variance is undefined; libtorch stops with "Expected more than 1 value per channel"), so
 * for a net with batch norm a last batch of one example is left out of each epoch, as PyTorch's
 * {@code drop_last} would, and the learner says so once; a batch size of one is refused before
 * training starts.
 */
final class BatchPlan {
    private BatchPlan() {}

    /** The batches of one epoch of {@code fit}. */
    static int batchesPerEpoch(Learner learner) {
        Dataset data = learner.data();
        int batches = data.batchesPerEpoch();
        if (!hasBatchNorm(learner.net())) {
            return batches;
        }
        if (data.batchSize() == 1) {
            throw new IllegalArgumentException("fit: the net has batch norm (" + firstBatchNorm(learner.net()) + "),"
                    + " which needs at least 2 examples per batch to train, but the batch size is 1. Use"
                    + " data.batchSize(2) or more, or remove batchNorm().");
        }
        if (data.size() % data.batchSize() == 1 && batches > 1) {
            if (learner.state().noteOnce("last batch")) {
                System.out.println("Note: each epoch's last batch would hold 1 example (" + data.size() + " examples,"
                        + " batch " + data.batchSize() + "); batch norm cannot train on one, so it is left out."
                        + " To train on every example, choose a batch size that does not leave one over.");
            }
            return batches - 1;
        }
        return batches;
    }

    private static boolean hasBatchNorm(Net net) {
        return net.allLayerNames().stream().anyMatch(n -> net.layer(n) instanceof BatchNorm);
    }

    private static String firstBatchNorm(Net net) {
        return net.allLayerNames().stream().filter(n -> net.layer(n) instanceof BatchNorm).findFirst().orElseThrow();
    }
}
