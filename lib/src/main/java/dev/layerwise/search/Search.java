package dev.layerwise.search;

import dev.layerwise.runtime.Layerwise;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.train.CallbackException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A hyperparameter search: proposes settings from a {@link SearchSpace}, runs an objective on
 * each, and returns every trial as a {@link SearchResult}.
 * <pre>{@code
 * var result = Search.bayesian(space).trials(20).seed(1).run(trial -> {
 *     var p = trial.params();
 *     ...train with p.d("lr") ...
 *     return learner.evaluate().accuracy();
 * });
 * }</pre>
 * Use {@link #random(SearchSpace)} as the baseline and for many cheap trials (Bergstra and Bengio
 * 2012); use {@link #bayesian(SearchSpace)} when trials are expensive and few (Snoek, Larochelle
 * and Adams 2012). The same seed proposes the same settings, given the same scores. Stop (the
 * notebook's Stop button) ends the search after the running trial and keeps the finished ones.
 */
public final class Search {
    private final SearchSpace space;
    private final boolean bayesian;
    private int trials = 20;
    private Duration timeBudget;
    private long seed = Layerwise.seed();
    private boolean maximize = true;
    private MedianStopping stopping;
    private int initialRandom = 5;
    private boolean verbose = true;

    private Search(SearchSpace space, boolean bayesian) {
        if (space == null) {
            throw new IllegalArgumentException("A search needs a space, e.g. SearchSpace.empty().logUniform(\"lr\","
                    + " 1e-3, 1).");
        }
        space.requireNonEmpty();
        this.space = space;
        this.bayesian = bayesian;
    }

    /**
     * Random search: every trial draws each hyperparameter independently (Bergstra and Bengio 2012).
     *
     * @param space what to vary
     * @return the search, 20 trials until told otherwise
     */
    public static Search random(SearchSpace space) {
        return new Search(space, false);
    }

    /**
     * Bayesian optimization: after a few random trials, a Gaussian process (Matérn 5/2 kernel) models
     * the score over the space and each trial goes where the expected improvement is largest
     * (Snoek, Larochelle and Adams 2012).
     *
     * @param space what to vary
     * @return the search, 20 trials and 5 initial random ones until told otherwise
     */
    public static Search bayesian(SearchSpace space) {
        return new Search(space, true);
    }

    /**
     * Sets the number of trials.
     *
     * @param n at least 1
     * @return this search
     */
    public Search trials(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("trials(" + n + "): run at least 1 trial.");
        }
        this.trials = n;
        return this;
    }

    /**
     * Starts no new trial once this much time has passed; the running trial is finished.
     *
     * @param budget e.g. {@code Duration.ofMinutes(5)}
     * @return this search
     */
    public Search timeBudget(Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("timeBudget(" + budget + "): expected a positive duration, e.g."
                    + " Duration.ofMinutes(5).");
        }
        this.timeBudget = budget;
        return this;
    }

    /**
     * Sets the seed of the proposals; the same seed proposes the same settings given the same scores.
     *
     * @param newSeed any value
     * @return this search
     */
    public Search seed(long newSeed) {
        this.seed = newSeed;
        return this;
    }

    /** @return this search, looking for the highest score (the default), e.g. accuracy */
    public Search maximize() {
        this.maximize = true;
        return this;
    }

    /** @return this search, looking for the lowest score, e.g. a loss */
    public Search minimize() {
        this.maximize = false;
        return this;
    }

    /**
     * Stops poor trials early by their intermediate reports ({@link Trial#report(int, double)}).
     *
     * @param rule e.g. {@code MedianStopping.rule()}, or {@code null} to turn it off
     * @return this search
     */
    public Search earlyStopping(MedianStopping rule) {
        this.stopping = rule;
        return this;
    }

    /**
     * Sets how many trials Bayesian optimization draws at random before it trusts its model.
     *
     * @param n at least 2
     * @return this search
     */
    public Search initialRandom(int n) {
        if (!bayesian) {
            throw new IllegalStateException("initialRandom(" + n + ") applies to Search.bayesian(space); a random"
                    + " search draws every trial at random.");
        }
        if (n < 2) {
            throw new IllegalArgumentException("initialRandom(" + n + "): the Gaussian process needs at least 2"
                    + " trials to start from.");
        }
        this.initialRandom = n;
        return this;
    }

    /**
     * Whether to print one line per trial (on by default).
     *
     * @param on false to run silently
     * @return this search
     */
    public Search verbose(boolean on) {
        this.verbose = on;
        return this;
    }

    /**
     * Runs the trials. An objective that throws is recorded as failed and the search goes on; a
     * {@link TrialPrunedException} is recorded as pruned. A stop request ends the search: the trial
     * that was running when it came is dropped (its training may have been cut short) and the
     * finished ones are returned.
     *
     * @param objective the score of one trial's settings
     * @return every trial, in order
     */
    public SearchResult run(Objective objective) {
        if (objective == null) {
            throw new IllegalArgumentException("run(null): pass the objective, e.g. trial -> score(trial.params()).");
        }
        Suggester suggester = bayesian ? new ExpectedImprovement(initialRandom) : Suggester.RANDOM;
        Random random = new Random(seed);
        List<TrialRecord> done = new ArrayList<>();
        long start = System.nanoTime();
        String ending = "all " + trials + " trials ran";
        try (Interrupts.LoopGuard guard = Interrupts.enterLoop()) {
            for (int n = 1; n <= trials; n++) {
                if (Interrupts.stopRequested()) {
                    ending = "stopped before trial " + n;
                    break;
                }
                if (timeBudget != null && System.nanoTime() - start >= timeBudget.toNanos()) {
                    ending = "time budget of " + timeBudget.toSeconds() + " s used after " + done.size() + " trials";
                    break;
                }
                Params params = suggester.suggest(space, List.copyOf(done), maximize, random);
                TrialRecord record = runTrial(n, params, objective, List.copyOf(done));
                if (Interrupts.stopRequested()) {
                    ending = "stopped during trial " + n + "; it was dropped, as its training may have been cut short";
                    break;
                }
                done.add(record);
                if (verbose) {
                    System.out.println(line(record, done));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SearchResult(suggester.name(), space, maximize, done, ending, seconds);
    }

    private TrialRecord runTrial(int n, Params params, Objective objective, List<TrialRecord> earlier) {
        Trial trial = new Trial(n, params, stopping, earlier, maximize);
        long t0 = System.nanoTime();
        double score = Double.NaN;
        TrialState state;
        String message = "";
        try {
            score = objective.evaluate(trial);
            if (Double.isFinite(score)) {
                state = TrialState.FINISHED;
            } else {
                state = TrialState.FAILED;
                message = "the objective returned " + score + "; expected a finite score";
                score = Double.NaN;
            }
        } catch (TrialPrunedException pruned) {
            state = TrialState.PRUNED;
            score = pruned.value();
            message = pruned.getMessage();
        } catch (CallbackException e) {
            // trial.report(...) called from a callback: the pruning arrives wrapped with the callback's name
            boolean pruned = e.getCause() instanceof TrialPrunedException;
            state = pruned ? TrialState.PRUNED : TrialState.FAILED;
            score = pruned ? ((TrialPrunedException) e.getCause()).value() : Double.NaN;
            message = pruned ? e.getCause().getMessage() : e.getMessage();
        } catch (Exception | StackOverflowError e) {
            state = TrialState.FAILED;
            message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new TrialRecord(n, params, score, state, seconds, message, trial.reportsInOrder());
    }

    private String line(TrialRecord t, List<TrialRecord> done) {
        String outcome = switch (t.state()) {
            case FINISHED -> String.format(Locale.ROOT, "%.4g", t.score());
            case PRUNED -> String.format(Locale.ROOT, "pruned at step %d (%.4g)",
                    t.reports().keySet().stream().mapToInt(Integer::intValue).max().orElse(0), t.score());
            case FAILED -> "failed: " + t.message();
        };
        String best = SearchResult.bestOf(done, maximize)
                .map(b -> String.format(Locale.ROOT, " · best %.4g (trial %d)", b.score(), b.number())).orElse("");
        return String.format(Locale.ROOT, "trial %d/%d · %s → %s (%.1f s)%s", t.number(), trials, t.params(), outcome,
                t.seconds(), best);
    }

    @Override
    public String toString() {
        return (bayesian ? "Bayesian optimization" : "Random search") + " · " + trials + " trials"
                + (timeBudget == null ? "" : " or " + timeBudget.toSeconds() + " s") + " · "
                + (maximize ? "maximize" : "minimize") + " · seed " + seed
                + (stopping == null ? "" : " · " + stopping) + " · " + space;
    }

    /** The score of one trial's settings: typically train, then return the test accuracy. */
    @FunctionalInterface
    public interface Objective {
        /**
         * Runs one trial.
         *
         * @param trial its settings ({@code trial.params()}) and a way to report progress
         * @return the score; higher is better unless the search minimizes
         * @throws Exception any failure, recorded as a failed trial
         */
        double evaluate(Trial trial) throws Exception;
    }
}
