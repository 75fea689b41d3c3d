package dev.layerwise.bench;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Examples;
import dev.layerwise.loss.Loss;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.Gradients;
import dev.layerwise.train.Learner;

/** A workload as a Layerwise user writes it: one net, one learner, {@code fit(1)}, and {@code fit(1)} again. */
final class LayerwiseRun {
    private LayerwiseRun() {}

    /**
     * @param steadyEpochs epochs timed after the first, each its own {@code fit(1)}
     * @param seed draws the initial weights and the shuffle order
     */
    static RunResult run(Workload w, int threads, int examples, int warmupBatches, int steadyEpochs, long seed) {
        Layerwise.threads(threads);
        Dataset data = FashionData.dataset(examples).batchSize(w.batchSize).seed(seed);
        if (w.takesImages()) {
            data = data.images();
        }
        // Warm-up on throw-away learners: JIT, the engine's kernels and allocator see the same shapes.
        // Their examples are a copy with storage of their own, as on the other sides, so that nothing the
        // warm-up does to its data (a native copy) is reused by the timed learner.
        Dataset warmData = copyOfFirst(data,
                warmupBatches <= 0 ? data.size() : Math.min(data.size(), warmupBatches * w.batchSize));
        for (int m = 0; m < RunResult.WARMUP_MODELS; m++) {
            try (Learner warm = learner(w, warmData)) {
                warm.fit(1);
            }
        }
        // The first epoch's clock starts before Learner.of: whatever the learner does to get the data
        // into native memory (copy, background copy, waiting for it) falls inside it.
        long t0 = System.nanoTime();
        double c0 = RunResult.threadCpu();
        try (Learner learner = learner(w, data).seed(seed)) {
            learner.fit(1);
            double first = (System.nanoTime() - t0) / 1e9;
            double firstCpu = RunResult.threadCpu() - c0;
            if (w.recordsGradients && learner.gradients().rows().isEmpty()) {
                throw new IllegalStateException("the gradient recorder recorded nothing");
            }
            double accuracy = learner.evaluate().accuracy(); // after one epoch, as on the other sides
            long t1 = System.nanoTime();
            double c1 = RunResult.threadCpu();
            for (int e = 0; e < steadyEpochs; e++) {
                learner.fit(1);
            }
            double steady = steadyEpochs == 0 ? first : (System.nanoTime() - t1) / 1e9;
            double steadyCpu = steadyEpochs == 0 ? firstCpu : RunResult.threadCpu() - c1;
            return new RunResult("layerwise", w, threads, data.size(), first, steady, steadyEpochs, firstCpu, steadyCpu,
                    accuracy, w.net().paramCount(), seed);
        }
    }

    private static Dataset copyOfFirst(Dataset data, int n) {
        Examples t = data.train();
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        float[] x = new float[n * t.sampleSize()];
        int[] y = new int[n];
        t.copyFeatures(rows, x, 0);
        t.copyLabels(rows, y, 0);
        return Dataset.of(Examples.of("warm-up", x, t.sampleShape(), y, t.numClasses())).batchSize(data.batchSize())
                .seed(data.seed());
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
