package dev.layerwise.search;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Callback;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.train.Learner;
import dev.layerwise.train.StepContext;
import dev.layerwise.train.StepRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The mini-batch-size sweep of {@link Sweeps#batchSizes}: for each size, a learner from the same
 * initial weights trains until the test accuracy, measured every {@link #evaluateEvery(int)}
 * examples, reaches the target, or until {@link #maxEpochs(int)} run out. Time to target counts
 * training only, not the evaluations. Stop keeps the sizes that finished.
 */
public final class BatchSizeSweep {
    private final Net net;
    private final Dataset data;
    private int[] sizes = {2, 5, 10, 20, 50, 100, 200};
    private IntFunction<Optimizer> optimizer = size -> Optimizers.sgd(0.1);
    private double target = 0.8;
    private int maxEpochs = 3;
    private int evaluateEvery;
    private long seed = 1;

    BatchSizeSweep(Net net, Dataset data) {
        Sweeps.requireTest(data, "Sweeps.batchSizes");
        if (net == null) {
            throw new IllegalArgumentException("Sweeps.batchSizes: the net is null; pass e.g. Net.input(784).dense(30)"
                    + ".sigmoid().dense(10).");
        }
        this.net = net;
        this.data = data;
        this.evaluateEvery = Math.max(1, data.size() / 10);
    }

    /**
     * Sets the batch sizes to try, in order.
     *
     * @param batchSizes e.g. {@code 2, 5, 10, 20, 50, 100, 200} (the default)
     * @return this sweep
     */
    public BatchSizeSweep sizes(int... batchSizes) {
        if (batchSizes == null || batchSizes.length == 0 || Arrays.stream(batchSizes).anyMatch(b -> b < 1 || b > data.size())) {
            throw new IllegalArgumentException("sizes(" + (batchSizes == null ? "null" : Arrays.toString(batchSizes)) + "): give at least one size,"
                    + " each from 1 to the training set's " + data.size() + " examples.");
        }
        this.sizes = batchSizes.clone();
        return this;
    }

    /**
     * Sets the optimizer for each batch size, e.g. to scale the rate with the size
     * ({@code b -> Optimizers.sgd(0.01 * Math.sqrt(b))}); SGD at 0.1 for every size by default.
     *
     * @param forBatchSize the optimizer for a batch size
     * @return this sweep
     */
    public BatchSizeSweep optimizer(IntFunction<Optimizer> forBatchSize) {
        if (forBatchSize == null) {
            throw new IllegalArgumentException("optimizer(null): expected a function from batch size to optimizer,"
                    + " e.g. b -> Optimizers.sgd(0.1).");
        }
        this.optimizer = forBatchSize;
        return this;
    }

    /**
     * Sets the test accuracy to reach.
     *
     * @param accuracy between 0 and 1, e.g. 0.8 (the default)
     * @return this sweep
     */
    public BatchSizeSweep target(double accuracy) {
        if (!(accuracy > 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("target(" + accuracy + "): expected an accuracy in (0, 1], e.g. 0.8.");
        }
        this.target = accuracy;
        return this;
    }

    /**
     * Sets the most epochs a size may train before it is reported as not reaching the target.
     *
     * @param epochs at least 1 (3 by default)
     * @return this sweep
     */
    public BatchSizeSweep maxEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("maxEpochs(" + epochs + "): allow at least 1 epoch.");
        }
        this.maxEpochs = epochs;
        return this;
    }

    /**
     * Sets how often the test accuracy is measured: the time and examples to target are known to
     * within this many examples.
     *
     * @param examples at least 1 (a tenth of the training set by default)
     * @return this sweep
     */
    public BatchSizeSweep evaluateEvery(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("evaluateEvery(" + examples + "): expected at least 1 example.");
        }
        this.evaluateEvery = examples;
        return this;
    }

    /**
     * Sets the seed of the initial weights, shared by every size.
     *
     * @param newSeed any value
     * @return this sweep
     */
    public BatchSizeSweep seed(long newSeed) {
        this.seed = newSeed;
        return this;
    }

    /** @return one row per batch size, in order; a stop request ends the sweep and keeps finished sizes */
    public BatchSizeResult run() {
        List<BatchSizeResult.Run> runs = new ArrayList<>();
        String ending = "all " + sizes.length + " sizes ran";
        for (int size : sizes) {
            if (Interrupts.stopRequested()) {
                ending = "stopped before batch size " + size;
                break;
            }
            BatchSizeResult.Run run = runOne(size);
            if (run == null) {
                ending = "stopped during batch size " + size + "; it was dropped";
                break;
            }
            runs.add(run);
            System.out.println(run.summary(target));
        }
        return new BatchSizeResult(runs, target, maxEpochs, evaluateEvery, data.name(), ending);
    }

    private BatchSizeResult.Run runOne(int size) {
        Learner learner = Learner.of(net, data.batchSize(size)).seed(seed).optimizer(optimizer.apply(size))
                .validate(false);
        learner.removeCallback("progress");
        learner.removeCallback("chart"); // the sweep's table and plot show every run, not a live chart each
        learner.removeCallback("checkpoint"); // one of many short runs: nothing to restore
        Watch watch = new Watch(learner);
        watch.measure(0);
        learner.callback("batch-size sweep", watch);
        if (!watch.reached() && learner.fit(maxEpochs).stopped() && !watch.reached()) {
            return null; // the notebook's Stop, not the target
        }
        boolean reached = watch.reached();
        if (!reached && watch.lastMeasuredAt != watch.examples) {
            watch.measure(watch.examples);
        }
        return new BatchSizeResult.Run(size, reached, reached ? watch.reachedExamples : -1,
                reached ? watch.reachedSeconds : Double.NaN, reached ? watch.reachedSteps : -1,
                watch.accuracies.get(watch.accuracies.size() - 1), watch.examples, watch.trainingSeconds(),
                watch.points.stream().mapToLong(Long::longValue).toArray(),
                watch.accuracies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Counts examples, measures the test accuracy on schedule, and ends training at the target. */
    private final class Watch implements Callback {
        private final Learner learner;
        private final long start = System.nanoTime();
        private long evaluationNanos;
        private long examples;
        private long steps;
        private long next = evaluateEvery;
        private long lastMeasuredAt = -1;
        private final List<Long> points = new ArrayList<>();
        private final List<Double> accuracies = new ArrayList<>();
        private long reachedExamples = -1;
        private long reachedSteps = -1;
        private double reachedSeconds = Double.NaN;

        Watch(Learner learner) {
            this.learner = learner;
        }

        boolean reached() {
            return reachedExamples >= 0;
        }

        double trainingSeconds() {
            return (System.nanoTime() - start - evaluationNanos) / 1e9;
        }

        void measure(long at) {
            double seconds = trainingSeconds();
            long t0 = System.nanoTime();
            double accuracy = learner.evaluate(data.test()).accuracy();
            evaluationNanos += System.nanoTime() - t0;
            points.add(at);
            accuracies.add(accuracy);
            lastMeasuredAt = at;
            if (accuracy >= target && !reached()) {
                reachedExamples = at;
                reachedSteps = steps;
                reachedSeconds = at == 0 ? 0 : seconds;
            }
        }

        @Override
        public void stepEnded(StepRecord record, StepContext step) {
            examples += record.batchSize();
            steps++;
            if (examples >= next) {
                while (next <= examples) {
                    next += evaluateEvery;
                }
                measure(examples);
                if (reached()) {
                    learner.stopFit("target accuracy reached");
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Batch-size sweep %s on %s: target %.1f%% within %d epochs, measured every %d"
                + " examples", Arrays.toString(sizes), data.name(), 100 * target, maxEpochs, evaluateEvery);
    }
}
