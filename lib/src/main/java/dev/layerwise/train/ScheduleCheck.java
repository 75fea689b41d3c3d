package dev.layerwise.train;

import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Schedule;

import java.util.Locale;

/**
 * Checks that an optimizer's schedules give usable values — a learning rate finite and ≥ 0, a
 * momentum in [0, 1) — at the steps a {@code fit} will run, before the fit trains anything. A
 * schedule is a plain function, so a {@code linear(0.1, -0.1, 100)} only goes wrong half-way; this
 * finds it at once instead of after fifty steps uphill.
 */
final class ScheduleCheck {
    /** Steps scanned up front; beyond this the per-step check in the loop still guards each step. */
    static final long MAX_SCANNED = 1_000_000;

    private ScheduleCheck() {}

    /**
     * Checks every optimizer step from {@code from} for {@code steps} steps (at most {@link #MAX_SCANNED}).
     *
     * @param method the call, for the message, e.g. {@code fit(3)}
     * @param optimizer the optimizer
     * @param from the optimizer's step count now
     * @param steps steps the call will run
     */
    static void requireUsable(String method, Optimizer optimizer, long from, long steps) {
        long end = from + Math.min(steps, MAX_SCANNED);
        for (long t = from; t < end; t++) {
            requireAt(method, optimizer, t);
        }
    }

    /** Checks one training step's values; the message is built only when they are unusable. */
    static void requireAt(String call, long step, Optimizer optimizer, long t) {
        double lr = optimizer.learningRate().at(t);
        double mu = optimizer.momentum() == null ? 0 : optimizer.momentum().at(t);
        if (!(lr >= 0) || Double.isInfinite(lr) || !(mu >= 0 && mu < 1)) {
            requireAt(call + ", step " + step, optimizer, t);
        }
    }

    /** Checks the values at one optimizer step. */
    static void requireAt(String method, Optimizer optimizer, long t) {
        Schedule rate = optimizer.learningRate();
        double lr = rate.at(t);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the learning rate %s of %s is %s at"
                    + " optimizer step %d; a learning rate must be a finite number ≥ 0. Nothing was trained from that"
                    + " step on. Fix the schedule so that it stays ≥ 0, e.g. end it at 0 instead of below.", method,
                    rate.describe(), optimizer.describe(), lr, t));
        }
        Schedule momentum = optimizer.momentum();
        if (momentum != null) {
            double mu = momentum.at(t);
            if (!(mu >= 0 && mu < 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the momentum %s of %s is %s at"
                        + " optimizer step %d; momentum must be in [0, 1). Nothing was trained from that step on."
                        + " Fix the schedule so that it stays below 1, e.g. linear(0.5, 0.99, steps).", method,
                        momentum.describe(), optimizer.describe(), mu, t));
            }
        }
    }
}
