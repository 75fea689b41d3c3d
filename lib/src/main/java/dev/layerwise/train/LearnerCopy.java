package dev.layerwise.train;

import java.util.Set;

/**
 * A throw-away twin of a learner for experiments that must not touch it (the learning-rate range
 * test): the same net, data, loss, optimizer, seed, device, per-layer rates and frozen layers, with
 * its weights and optimizer state copied on the device and its step and epoch counters, so it
 * trains on the batches the learner would train on next. It reads the learner's device copy of the
 * data rather than making its own. It has no callbacks. Close it after use, before the learner moves.
 */
final class LearnerCopy {
    private LearnerCopy() {}

    static Learner of(Learner original) {
        TrainingState from = original.state();
        Learner copy = Learner.of(original.net(), original.data()).loss(original.loss())
                .optimizer(original.optimizer()).seed(from.seed());
        try {
            for (String name : copy.callbackNames()) {
                copy.removeCallback(name);
            }
            TrainingState to = copy.state();
            to.moveTo(from.device()); // before its arrays exist: only sets the device
            to.borrowDeviceData(from); // read-only in training; the learner keeps it for its own next epoch
            to.noteOnce("last batch"); // the learner has said it already, if it applies
            try (Snapshot now = Snapshot.of(original, Double.NaN)) {
                now.restoreInto(copy);
            }
            to.restoreCounters(from.step(), from.epoch(), from.optimizerStep());
            to.rateFactor(from.rateFactor());
            copy.layerRates(original.layerRates());
            Set<String> frozen = original.frozenLayers();
            if (!frozen.isEmpty()) {
                copy.freeze(frozen.toArray(String[]::new));
            }
            return copy;
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
    }
}
