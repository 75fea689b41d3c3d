package dev.layerwise.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One epoch figure that early stopping, reduce-on-plateau and the best snapshot watch: its name
 * ({@code val_loss}, {@code val_accuracy}, {@code loss}, {@code accuracy}, or any name in
 * {@link EpochRecord#metrics()}), whether lower or higher is better, and by how much it must move to
 * count as better (Keras's {@code min_delta}).
 *
 * @param metric the figure's name
 * @param mode lower or higher is better; {@code null} to infer it from the name
 * @param minDelta the smallest change that counts as an improvement, at least 0
 */
record Monitor(String metric, MonitorMode mode, double minDelta) {
    /** The figures every learner records, in the order the messages list them. */
    static final List<String> BUILT_IN = List.of("val_loss", "val_accuracy", "loss", "accuracy");

    /** A monitor whose mode comes from its name: "acc…" or a score goes up, a loss or error goes down. */
    static Monitor of(String who, String metric) {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException(who + "(" + (metric == null ? "null" : "\"" + metric + "\"")
                    + "): name the epoch figure to watch, e.g. \"val_loss\", \"val_accuracy\", \"loss\" or"
                    + " \"accuracy\".");
        }
        return new Monitor(metric, null, 0);
    }

    Monitor withMode(String who, MonitorMode m) {
        if (m == null) {
            throw new IllegalArgumentException(who + ".mode(null): expected MonitorMode.MIN (lower is better, a"
                    + " loss) or MonitorMode.MAX (higher is better, an accuracy).");
        }
        return new Monitor(metric, m, minDelta);
    }

    Monitor withMinDelta(String who, double delta) {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(who + ".minDelta(" + delta + "): the smallest change that counts as"
                    + " an improvement must be a finite number ≥ 0, e.g. 1e-4 (0 counts any improvement).");
        }
        return new Monitor(metric, mode, delta);
    }

    /** The mode given, or the one the name implies; {@code null} when the name says nothing. */
    MonitorMode effectiveMode() {
        if (mode != null) {
            return mode;
        }
        String n = metric.toLowerCase(Locale.ROOT);
        if (n.contains("loss") || n.contains("error") || n.contains("mse") || n.contains("mae")) {
            return MonitorMode.MIN;
        }
        if (n.contains("acc") || n.contains("f1") || n.contains("precision") || n.contains("recall")
                || n.contains("auc") || n.contains("score")) {
            return MonitorMode.MAX;
        }
        return null;
    }

    /**
     * Checks, before any training, that the learner records this figure: a built-in one (the
     * {@code val_} ones only with a validation or test set) or one already in its history. A
     * figure of your own callback is taken on trust when the mode is given, and checked at the end
     * of the first epoch.
     */
    void requireKnown(String who, Learner learner) {
        boolean validation = metric.startsWith("val_") && BUILT_IN.contains(metric);
        if (validation && !learner.data().hasHeldOut()) {
            throw new IllegalArgumentException(who + "(\"" + metric + "\"): " + metric + " is measured on a"
                    + " validation or test set, and " + learner.data().name() + " has none. Watch \""
                    + metric.substring(4) + "\" (the training figure) instead, or give the data a validation split.");
        }
        if (BUILT_IN.contains(metric) || recorded(learner).contains(metric)) {
            return;
        }
        if (mode == null) {
            throw new IllegalArgumentException(who + "(\"" + metric + "\"): no epoch figure is called \"" + metric
                    + "\". Known: " + known(learner) + ". A figure your own callback adds at EPOCH_MEASURE is known"
                    + " once an epoch has recorded it; to watch it from the start, give its mode, e.g. "
                    + who + "(…).mode(MonitorMode.MAX).");
        }
        // a figure of one's own with its mode given: checked when the first epoch ends
    }

    /** Checks, as a fit starts, that a validation figure will be measured: validation may have been switched off. */
    void requireMeasured(String who, Learner learner) {
        if (metric.startsWith("val_") && BUILT_IN.contains(metric) && !learner.callbackNames().contains("validation")) {
            throw new IllegalStateException(who + " watches " + metric + ", but validation is off"
                    + " (learner.validate(false)), so it would never be measured. Turn it on with"
                    + " learner.validate(true), or watch \"" + metric.substring(4) + "\".");
        }
    }

    /** Checks that a mode is known (given or implied by the name). */
    MonitorMode requireMode(String who) {
        MonitorMode m = effectiveMode();
        if (m == null) {
            throw new IllegalArgumentException(who + "(\"" + metric + "\"): cannot tell from the name whether"
                    + " lower or higher is better. Say which: " + who + "(…).mode(MonitorMode.MIN) for a loss or"
                    + " error, MonitorMode.MAX for an accuracy or score.");
        }
        return m;
    }

    /** The figure in an epoch's record; NaN when the epoch lacks it (a stopped epoch is not validated). */
    double value(EpochRecord record) {
        return switch (metric) {
            case "val_loss" -> record.testLoss();
            case "val_accuracy" -> record.testAccuracy();
            case "loss" -> record.loss();
            case "accuracy" -> record.accuracy();
            default -> record.metrics().getOrDefault(metric, Double.NaN);
        };
    }

    /** Fails when a complete epoch did not record a figure of one's own (a misspelt name). */
    void requireRecorded(String who, EpochRecord record) {
        if (!BUILT_IN.contains(metric) && !record.metrics().containsKey(metric)) {
            List<String> names = new ArrayList<>(BUILT_IN);
            names.addAll(record.metrics().keySet());
            throw new IllegalArgumentException(who + ": epoch " + record.epoch() + " recorded no figure called \""
                    + metric + "\". Known: " + names + ". Check the name your callback passes to"
                    + " figures.metric(name, value).");
        }
    }

    /** Whether {@code value} beats {@code best} by more than {@link #minDelta()}; NaN never does. */
    boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return effectiveMode() == MonitorMode.MAX ? value > best + minDelta : value < best - minDelta;
    }

    /** e.g. {@code val_loss has not improved by more than 1e-4}, or {@code … has not improved} with no minimum. */
    String notImproved() {
        return metric + " has not improved" + (minDelta > 0 ? " by more than " + num(minDelta) : "");
    }

    private static Set<String> recorded(Learner learner) {
        Set<String> names = new LinkedHashSet<>();
        learner.history().epochs().forEach(e -> names.addAll(e.metrics().keySet()));
        return names;
    }

    private static List<String> known(Learner learner) {
        List<String> names = new ArrayList<>();
        for (String b : BUILT_IN) {
            if (!b.startsWith("val_") || learner.data().hasHeldOut()) {
                names.add(b);
            }
        }
        names.addAll(recorded(learner));
        return names;
    }

    static String num(double v) {
        return dev.layerwise.optim.Schedule.num(v);
    }
}
