package dev.layerwise.train;

import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;

import java.util.List;
import java.util.function.Supplier;

/**
 * The rows of {@link BadInputTableTest} for early stopping, reduce-on-plateau, the best-epoch
 * snapshot and the learning-rate range test. Learner rows work on the shared learner (blobs with a
 * test set, 48 training examples in batches of 10: five batches an epoch) unless they need other
 * data, so the table also checks that a refused call leaves the learner exactly as it was.
 */
final class StopEarlyRows {
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;

    private StopEarlyRows() {}

    static List<BadInputRows.Row> all() {
        Supplier<Learner> noTestSet = () -> Learner.of(Net.input(4).dense(3), BadInputTableTest.targetsOnly()).quiet();
        Supplier<Learner> rateToZero = () -> Learner.of(Net.input(4).dense(8).relu().dense(3), BadInputTableTest.blobs())
                .quiet().optimizer(Optimizers.sgd(Schedule.step(0.1, 0, 2)));
        Supplier<Learner> recorded = () -> {
            Learner l = Learner.of(Net.input(4).dense(3), BadInputTableTest.blobs()).quiet();
            l.callback("wobble", new Callback() {
                @Override
                public void measureEpoch(EpochFigures figures) {
                    figures.metric("wobble", 1);
                }
            });
            l.fit(1);
            return l;
        };
        return List.of(
                row("Learner.earlyStopping", "unknown metric name", IAE, "Use a name the message lists; a figure of"
                        + " your own is known once an epoch recorded it, or give its mode: EarlyStopping.on(name)"
                        + ".mode(MonitorMode.MAX).", l -> l.earlyStopping("val_los", 3), "\"val_los\"",
                        "Known: [val_loss, val_accuracy, loss, accuracy]", "mode(MonitorMode.MAX)"),
                on(noTestSet, "Learner.earlyStopping", "val_loss on data without a test set", IAE, "Watch \"loss\", or"
                        + " give the data a validation split.", l -> l.earlyStopping("val_loss", 2), "val_loss",
                        "has none", "Watch \"loss\""),
                on(recorded, "Learner.reduceOnPlateau", "a figure of one's own whose name says neither min nor max", IAE,
                        "Give the mode: ReduceOnPlateau.on(name).mode(MonitorMode.MIN) or MAX.",
                        l -> l.reduceOnPlateau(ReduceOnPlateau.on("wobble")), "\"wobble\"", "cannot tell from the name",
                        "mode(MonitorMode.MIN)"),
                row("Learner.keepBest", "null", IAE, "Pass a figure's name, e.g. keepBest(\"val_accuracy\").",
                        l -> l.keepBest((String) null), "KeepBest.on(null)", "val_loss"),
                row("Learner.restoreBest", "nothing kept", ISE, "Call learner.keepBest(\"val_loss\") before fit(…).",
                        Learner::restoreBest, "nothing is kept", "learner.keepBest("),
                row("EarlyStopping.patience", "-1", IAE, "Patience ≥ 0 epochs, e.g. 3.",
                        l -> EarlyStopping.on("val_loss").patience(-1), "patience(-1)", "must be ≥ 0"),
                row("EarlyStopping.minDelta", "negative", IAE, "A finite delta ≥ 0, e.g. 1e-4.",
                        l -> EarlyStopping.on("val_loss").minDelta(-0.1), "minDelta(-0.1)", "≥ 0"),
                row("EarlyStopping.mode", "null", IAE, "MonitorMode.MIN or MonitorMode.MAX.",
                        l -> EarlyStopping.on("val_loss").mode(null), "mode(null)", "MonitorMode.MIN"),
                row("ReduceOnPlateau.factor", "1.5", IAE, "A factor strictly between 0 and 1, e.g. 0.1 or 0.5.",
                        l -> ReduceOnPlateau.on("val_loss").factor(1.5), "factor(1.5)", "strictly between 0 and 1"),
                row("ReduceOnPlateau.factor", "0", IAE, "A factor strictly between 0 and 1.",
                        l -> ReduceOnPlateau.on("val_loss").factor(0), "factor(0.0)", "strictly between 0 and 1"),
                row("ReduceOnPlateau.patience", "-2", IAE, "Patience ≥ 0 epochs.",
                        l -> ReduceOnPlateau.on("val_loss").patience(-2), "ReduceOnPlateau.patience(-2)", "≥ 0"),
                row("ReduceOnPlateau.cooldown", "-1", IAE, "A cooldown ≥ 0 epochs, e.g. 1.",
                        l -> ReduceOnPlateau.on("val_loss").cooldown(-1), "cooldown(-1)", "≥ 0"),
                row("ReduceOnPlateau.minRate", "NaN", IAE, "A finite rate ≥ 0, e.g. 1e-5.",
                        l -> ReduceOnPlateau.on("val_loss").minRate(Double.NaN), "minRate(NaN)", "≥ 0"),
                row("Learner.findLearningRate", "more steps than the data has batches", IAE, "Test at most as many"
                        + " steps as an epoch has batches (the message gives the call), or use smaller batches.",
                        l -> l.findLearningRate(), "100 steps", "only 5 batches per epoch", "steps(5)", "batchSize("),
                row("Learner.findLearningRate", "null", IAE, "Pass settings, or call findLearningRate() for the"
                        + " defaults.", l -> l.findLearningRate(null), "findLearningRate(null)", "RangeTest.from"),
                on(rateToZero, "Learner.findLearningRate", "an optimizer whose rate schedule reaches 0", IAE, "Use an"
                        + " optimizer with a constant rate for the test.",
                        l -> l.findLearningRate(RangeTest.from(1e-4).to(1).steps(5)), "is 0.0 at its step 2",
                        "must be above 0"),
                row("RangeTest.steps", "2", IAE, "At least 5 steps; 100 is usual.", l -> RangeTest.defaults().steps(2),
                        "steps(2)", "at least 5"),
                row("RangeTest.from", "0", IAE, "A first rate above 0, e.g. 1e-7.", l -> RangeTest.from(0),
                        "from(0.0)", "above 0"),
                row("RangeTest.to", "below the first rate", IAE, "A last rate above the first.",
                        l -> RangeTest.from(1e-3).to(1e-4), "from 0.001 to 1.0E-4", "above the first"),
                row("Learner.findLearningRate", "a first rate above the default last one", IAE, "Set the last rate"
                        + " too: RangeTest.from(20).to(1000).", l -> l.findLearningRate(RangeTest.from(20)),
                        "from 20.0 to 10.0", "above the first"),
                row("RangeTest.divergence", "1", IAE, "A threshold above 1, e.g. 4.",
                        l -> RangeTest.defaults().divergence(1), "divergence(1.0)", "above 1"),
                row("RangeTest.smoothing", "1", IAE, "β in [0, 1), e.g. 0.98.", l -> RangeTest.defaults().smoothing(1),
                        "smoothing(1.0)", "[0, 1)"));
    }

    private static BadInputRows.Row row(String entry, String bad, Class<? extends Throwable> type, String fix,
            BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), BadInputRows::shared, call, null);
    }

    private static BadInputRows.Row on(Supplier<Learner> learner, String entry, String bad,
            Class<? extends Throwable> type, String fix, BadInputRows.Call call, String... words) {
        return new BadInputRows.Row(entry, bad, type, fix, List.of(words), learner, call, null);
    }
}
