package dev.layerwise.train;

import dev.layerwise.optim.Schedule;

import java.util.Arrays;
import java.util.Locale;

/**
 * Runs a learning-rate range test on a {@link LearnerCopy} of a learner, so the learner itself is
 * untouched: weights, optimizer state, history, step count and the data order of its next epoch.
 * The copy trains the steps of the learner's next epoch with the optimizer's rate scaled, step by
 * step, to the tested rate (its momentum, betas and weight decay stay as set), recording each
 * step's loss and its smoothed value, until the last rate or until the smoothed loss diverges.
 */
final class RangeTestRun implements Callback {
    private final RangeTest test;
    private final TrainingState copy;
    private final Schedule scheduled;
    private final double[] rates;
    private final double[] losses;
    private final double[] smoothed;
    private int n;
    private double average;
    private double lowest = Double.POSITIVE_INFINITY;
    private String ended;
    private boolean diverged;

    private RangeTestRun(RangeTest test, Learner copy) {
        this.test = test;
        this.copy = copy.state();
        this.scheduled = copy.optimizer().learningRate();
        this.rates = new double[test.steps()];
        this.losses = new double[test.steps()];
        this.smoothed = new double[test.steps()];
    }

    static RangeTestResult run(Learner learner, RangeTest test) {
        if (test == null) {
            throw new IllegalArgumentException("findLearningRate(null): expected settings such as"
                    + " RangeTest.from(1e-7).to(10).steps(100), or call findLearningRate() for those defaults.");
        }
        test.requireRange();
        if (learner.fitting()) {
            throw new IllegalStateException("findLearningRate() cannot run while fit(…) runs; call it between fits.");
        }
        int batches = BatchPlan.batchesPerEpoch(learner);
        if (batches < test.steps()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "findLearningRate: the test takes %d steps,"
                    + " one batch each, within one epoch, but %s has only %d batches per epoch (%,d examples, batch"
                    + " %d). Test fewer steps, e.g. findLearningRate(RangeTest.from(%s).to(%s).steps(%d)), or use"
                    + " smaller batches (data.batchSize(%d)).", test.steps(), learner.data().name(), batches,
                    learner.data().size(), learner.data().batchSize(), Schedule.num(test.start()),
                    Schedule.num(test.end()), batches, Math.max(1, learner.data().size() / test.steps())));
        }
        requirePositiveRates(learner, test);
        try (Learner copy = LearnerCopy.of(learner)) {
            RangeTestRun run = new RangeTestRun(test, copy);
            copy.callback("range-test", run);
            History part = copy.fit(1);
            String why = run.ended != null ? run.ended : part.stopped() ? part.stopReason() : "the epoch ended";
            return new RangeTestResult(test, Arrays.copyOf(run.rates, run.n), Arrays.copyOf(run.losses, run.n),
                    Arrays.copyOf(run.smoothed, run.n), why, run.diverged);
        }
    }

    /** The test scales the optimizer's own rate, which must therefore be above 0 at each step it runs. */
    private static void requirePositiveRates(Learner learner, RangeTest test) {
        Schedule rate = learner.optimizer().learningRate();
        long t0 = learner.state().optimizerStep();
        for (long t = t0; t < t0 + test.steps(); t++) {
            if (!(rate.at(t) > 0)) {
                throw new IllegalArgumentException("findLearningRate: the optimizer's rate " + rate.describe() + " is "
                        + rate.at(t) + " at its step " + t + "; the test scales that rate to each tested one, so it"
                        + " must be above 0. Set an optimizer with a constant rate for the test, e.g."
                        + " learner.optimizer(Optimizers.sgd(0.1)).");
            }
        }
    }

    @Override
    public void batchStarted(StepContext step) {
        copy.rateFactor(test.rateAt(n) / scheduled.at(copy.optimizerStep()));
    }

    @Override
    public void on(Event event, TrainingContext ctx) {
        if (event != Event.STEP_END) {
            return;
        }
        double loss = ctx.stepRecord().loss();
        double beta = test.smoothing();
        rates[n] = test.rateAt(n);
        losses[n] = loss;
        if (Double.isFinite(loss)) {
            average = beta * average + (1 - beta) * loss;
            smoothed[n] = average / (1 - Math.pow(beta, n + 1)); // bias-corrected, as fastai
        } else {
            smoothed[n] = Double.NaN;
        }
        double s = smoothed[n];
        n++;
        if (!Double.isFinite(loss)) {
            diverged = true;
            ended = String.format(Locale.ROOT, "the loss became %s at rate %s", loss, Schedule.num(rates[n - 1]));
        } else if (s > test.divergence() * lowest) {
            diverged = true;
            ended = String.format(Locale.ROOT, "the smoothed loss %.4g passed %s × its lowest (%.4g) at rate %s", s,
                    Schedule.num(test.divergence()), lowest, Schedule.num(rates[n - 1]));
        } else if (n == test.steps()) {
            ended = "all " + n + " steps ran";
        }
        if (Double.isFinite(s)) {
            lowest = Math.min(lowest, s);
        }
        if (ended != null) {
            ctx.stop(ended);
        }
    }
}
