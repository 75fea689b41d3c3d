package dev.layerwise.search;

import dev.layerwise.data.Dataset;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Evaluation;
import dev.layerwise.train.History;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.train.Learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The dropout sweep of {@link Sweeps#dropout}: for each rate, a net built for that rate trains for
 * the same epochs from the same seed; then training and test accuracy are measured with dropout
 * off. Stop keeps the rates that finished.
 */
public final class DropoutSweep {
    private final DoubleFunction<Net> netWithRate;
    private final Dataset data;
    private double[] rates = {0, 0.2, 0.5};
    private Optimizer optimizer = Optimizers.momentum(0.05, 0.9);
    private int epochs = 5;
    private long seed = 1;

    DropoutSweep(DoubleFunction<Net> netWithRate, Dataset data) {
        Sweeps.requireTest(data, "Sweeps.dropout");
        if (netWithRate == null) {
            throw new IllegalArgumentException("Sweeps.dropout: pass a function from rate to net, e.g. rate ->"
                    + " Net.input(784).dense(100).relu().dropout(rate).dense(10).");
        }
        this.netWithRate = netWithRate;
        this.data = data;
    }

    /**
     * Sets the dropout rates to try, in order.
     *
     * @param dropoutRates each in [0, 1), e.g. {@code 0, 0.2, 0.5} (the default)
     * @return this sweep
     */
    public DropoutSweep rates(double... dropoutRates) {
        if (dropoutRates == null || dropoutRates.length == 0 || Arrays.stream(dropoutRates).anyMatch(r -> !(r >= 0 && r < 1))) {
            throw new IllegalArgumentException("rates(" + (dropoutRates == null ? "null" : Arrays.toString(dropoutRates)) + "): give at least one rate,"
                    + " each in [0, 1), e.g. rates(0, 0.2, 0.5).");
        }
        this.rates = dropoutRates.clone();
        return this;
    }

    /**
     * Sets the optimizer, the same for every rate; SGD at 0.05 with momentum 0.9 by default.
     *
     * @param newOptimizer e.g. {@code Optimizers.adam(1e-3)}
     * @return this sweep
     */
    public DropoutSweep optimizer(Optimizer newOptimizer) {
        if (newOptimizer == null) {
            throw new IllegalArgumentException("optimizer(null): expected e.g. Optimizers.sgd(0.1).");
        }
        this.optimizer = newOptimizer;
        return this;
    }

    /**
     * Sets the epochs each rate trains.
     *
     * @param n at least 1 (5 by default); overfitting, and so the gap, needs some epochs to show
     * @return this sweep
     */
    public DropoutSweep epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs(" + n + "): train at least 1 epoch.");
        }
        this.epochs = n;
        return this;
    }

    /**
     * Sets the seed of the initial weights and dropout masks, shared by every rate.
     *
     * @param newSeed any value
     * @return this sweep
     */
    public DropoutSweep seed(long newSeed) {
        this.seed = newSeed;
        return this;
    }

    /** @return one row per rate, in order; a stop request ends the sweep and keeps finished rates */
    public DropoutResult run() {
        List<DropoutResult.Run> runs = new ArrayList<>();
        String ending = "all " + rates.length + " rates ran";
        for (double rate : rates) {
            if (Interrupts.stopRequested()) {
                ending = "stopped before rate " + rate;
                break;
            }
            Learner learner = Learner.of(netWithRate.apply(rate), data).seed(seed).optimizer(optimizer);
            learner.removeCallback("progress");
            learner.removeCallback("chart"); // the sweep's table and plot show every run, not a live chart each
            learner.removeCallback("checkpoint"); // one of many short runs: nothing to restore
            long t0 = System.nanoTime();
            History history = learner.fit(epochs);
            if (history.stopped()) {
                ending = "stopped during rate " + rate + "; it was dropped";
                break;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation train = learner.evaluate(data);
            Evaluation test = learner.evaluate(data.test());
            DropoutResult.Run run = new DropoutResult.Run(rate, train.accuracy(), test.accuracy(), train.loss(),
                    test.loss(), seconds, history.testAccuracies());
            runs.add(run);
            System.out.println(run.summary());
        }
        return new DropoutResult(runs, epochs, data.name(), optimizer.describe(), ending);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Dropout sweep %s on %s: %d epochs with %s", Arrays.toString(rates),
                data.name(), epochs, optimizer.describe());
    }
}
