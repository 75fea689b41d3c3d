package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dev.layerwise.engine.HostReads;

import java.util.ArrayList;
import java.util.List;

/**
 * The default {@code "metrics"} callback: the epoch's mean training loss and accuracy. Accuracy is
 * counted where the data is: each step keeps only its predicted classes (one native operation),
 * batches of them are compared with their labels on the device now and then, and the count is read
 * once, when the epoch is measured (or when the progress bar asks for the running figure).
 */
final class EpochMetrics implements Callback {
    /** Steps whose predictions wait before they are counted on the device: bounds the arrays held. */
    private static final int FOLD_EVERY = 64;
    private final List<NDArray> predicted = new ArrayList<>();
    private final List<NDArray> labels = new ArrayList<>();
    private NDArray correct; // count so far on the device; in no scope, closed here
    private long foldedExamples;
    private double lossSum;
    private long examples;
    private boolean labelled;

    @Override
    public void fitStarted(Learner learner, int epochs, long stepsPlanned) {
        reset();
    }

    @Override
    public void epochStarted(int epoch) {
        reset();
    }

    @Override
    public void batchStarted(StepContext step) {
        if (predicted.size() >= FOLD_EVERY) {
            fold(predicted.size());
        }
    }

    @Override
    public void stepEnded(StepRecord record, StepContext step) {
        lossSum += record.loss() * record.batchSize();
        examples += record.batchSize();
        FitRun run = (FitRun) step;
        NDArray y = run.labels();
        labelled = y != null;
        if (y != null) {
            NDArray p = run.predictions();
            // kept past the step's scope until folded: the step may still use them, so no copy is made
            NDScope.unregister(p, y);
            predicted.add(p);
            labels.add(y);
        }
    }

    @Override
    public void measureEpoch(EpochFigures figures) {
        double accuracy = labelled ? correctSoFar(predicted.size()) / (double) Math.max(1, foldedExamples) : Double.NaN;
        figures.training(examples == 0 ? Double.NaN : lossSum / examples, accuracy);
        reset();
    }

    /**
     * The running accuracy of the epoch, for display: one read from native memory. The current
     * step's predictions are left for later, since its other callbacks may still use them.
     *
     * @return the fraction right so far, NaN before any labelled step
     */
    double accuracySoFar() {
        if (!labelled || predicted.size() + foldedExamples == 0) {
            return Double.NaN;
        }
        long right = correctSoFar(predicted.size() - 1);
        return foldedExamples == 0 ? Double.NaN : right / (double) foldedExamples;
    }

    private long correctSoFar(int steps) {
        fold(steps);
        return correct == null ? 0 : HostReads.longs(correct)[0];
    }

    /** Counts the first {@code steps} waiting predictions on the device and frees them. */
    private void fold(int steps) {
        if (steps <= 0) {
            return;
        }
        List<NDArray> p = predicted.subList(0, steps);
        List<NDArray> y = labels.subList(0, steps);
        try (NDScope scope = new NDScope()) {
            NDArray right = concat(p).eq(concat(y)).sum();
            NDArray total = correct == null ? right : correct.add(right);
            NDScope.unregister(total);
            if (correct != null) {
                correct.close();
            }
            correct = total;
        }
        for (NDArray a : y) {
            foldedExamples += a.getShape().get(0);
        }
        p.forEach(NDArray::close);
        y.forEach(NDArray::close);
        p.clear();
        y.clear();
    }

    private static NDArray concat(List<NDArray> arrays) {
        return arrays.size() == 1 ? arrays.get(0) : NDArrays.concat(new NDList(arrays));
    }

    private void reset() {
        predicted.forEach(NDArray::close);
        labels.forEach(NDArray::close);
        predicted.clear();
        labels.clear();
        if (correct != null) {
            correct.close();
            correct = null;
        }
        foldedExamples = 0;
        lossSum = 0;
        examples = 0;
        labelled = false;
    }
}
