package dev.layerwise.bench;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.loss.Loss;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.Learner;

/** A workload as a Layerwise user writes it: one net, one learner, {@code fit(1)}. */
final class LayerwiseRun {
    private LayerwiseRun() {}

    /** @param seed draws the initial weights and the shuffle order */
    static RunResult run(Workload w, int threads, int examples, int warmupBatches, int epochs, long seed) {
        Layerwise.threads(threads);
        Dataset data = FashionData.dataset(examples).batchSize(w.batchSize).seed(seed);
        if (w.takesImages()) {
            data = data.images();
        }
        // Warm-up on a throw-away learner: JIT, the engine's kernels and allocator see the same shapes.
        try (Learner warm = learner(w, data.subset(Math.min(data.size(), warmupBatches * w.batchSize)))) {
            warm.fit(1);
        }
        try (Learner learner = learner(w, data).seed(seed)) {
            // The epochs' own clocks: training only, not the one-time upload of the set to the
            // device, just as the baselines build their tensors before the clock starts.
            double seconds = learner.fit(epochs).epochs().stream().mapToDouble(EpochRecord::seconds).sum();
            if (w.recordsGradients && learner.gradients().rows().isEmpty()) {
                throw new IllegalStateException("the gradient recorder recorded nothing");
            }
            double accuracy = learner.evaluate().accuracy();
            return new RunResult("layerwise", w, threads, data.size() * epochs, seconds, accuracy, w.net().paramCount(),
                    seed);
        }
    }

    private static Learner learner(Workload w, Dataset data) {
        Optimizer opt = w.momentum > 0 ? Optimizers.momentum(w.learningRate, w.momentum)
                : Optimizers.sgd(w.learningRate);
        Learner l = Learner.of(w.net(), data).loss(Loss.softmaxCrossEntropy()).optimizer(opt)
                .validate(false).quiet();
        if (w.recordsGradients) {
            l.watch(Gradients.perLayer().every(1));
        }
        return l;
    }
}
