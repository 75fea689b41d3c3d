package dev.layerwise.train;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.Panels;
import dev.layerwise.stats.GradientLog;

import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Charts of training histories: loss and accuracy, learning rate and other per-step series, the
 * live chart's loss-and-gradients picture, and several runs compared. {@code history.plot()} and
 * {@code Charts.history(…)} come here.
 */
public final class HistoryCharts {
    private HistoryCharts() {}

    /**
     * Loss and accuracy over the steps: training per step (smoothed) and per epoch, test per epoch.
     *
     * @param history a learner's {@code history()}
     * @return the chart
     */
    public static Chart history(History history) {
        return history(history, List.of());
    }

    /**
     * Loss and accuracy over the steps with events marked, e.g. optimizer switches.
     *
     * @param history a learner's {@code history()}
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart history(History history, List<Marker> markers) {
        requireHistory("history", history);
        XYChart loss = Panels.xy("Loss", "step", "loss", Panels.WIDTH, Panels.HEIGHT);
        XYChart acc = Panels.xy("Accuracy", "step", "accuracy", Panels.WIDTH, Panels.HEIGHT);
        double[] steps = history.steps().stream().mapToDouble(StepRecord::step).toArray();
        Panels.line(loss, "train (smoothed)", steps, Panels.smooth(history.losses(), Panels.SMOOTHING));
        Panels.line(acc, "train (smoothed)", steps, Panels.smooth(history.accuracies(), Panels.SMOOTHING));
        double[] ends = epochEnds(history);
        List<EpochRecord> epochs = history.epochs();
        Panels.points(loss, "train epoch", ends, epochs.stream().mapToDouble(EpochRecord::loss).toArray());
        Panels.points(acc, "train epoch", ends, epochs.stream().mapToDouble(EpochRecord::accuracy).toArray());
        Panels.points(loss, "test epoch", ends, epochs.stream().mapToDouble(EpochRecord::testLoss).toArray());
        Panels.points(acc, "test epoch", ends, epochs.stream().mapToDouble(EpochRecord::testAccuracy).toArray());
        for (XYChart c : List.of(loss, acc)) {
            Panels.orEmptyNote(c, "train with fit(…)");
            Panels.markers(c, markers);
        }
        return new Chart(String.format(Locale.ROOT, "Loss and accuracy over %d steps, %d epochs", steps.length,
                epochs.size()), List.of(loss, acc), 2);
    }

    /**
     * The base learning rate over the steps, with events marked.
     *
     * @param history a learner's {@code history()}
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart learningRate(History history, List<Marker> markers) {
        return perStep(history, "Learning rate", "learning rate", Map.of("learning rate", StepRecord::learningRate),
                markers);
    }

    /**
     * Any per-step quantities of a history, one line each: e.g. momentum once steps record it,
     * {@code Map.of("momentum", StepRecord::momentum)}.
     *
     * @param history a learner's {@code history()}
     * @param title the chart's title
     * @param yLabel the vertical axis's label
     * @param series legend name to the value of each step
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart perStep(History history, String title, String yLabel,
            Map<String, ToDoubleFunction<StepRecord>> series, List<Marker> markers) {
        requireHistory("perStep", history);
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("perStep(…, " + series + ", …): give at least one series, e.g."
                    + " Map.of(\"momentum\", StepRecord::momentum).");
        }
        XYChart c = Panels.xy(title, "step", yLabel, Panels.WIDTH, Panels.HEIGHT);
        double[] steps = history.steps().stream().mapToDouble(StepRecord::step).toArray();
        series.forEach((name, f) -> Panels.line(c, name, steps, history.steps().stream().mapToDouble(f).toArray()));
        Panels.orEmptyNote(c, "train with fit(…)");
        Panels.markers(c, markers);
        return Chart.of(title, c);
    }

    /**
     * The training loss and each layer's weight-gradient norm side by side, with the global norm of
     * all gradients before clipping: the live chart's picture, also useful after training.
     *
     * @param history the steps to draw
     * @param log gradient statistics, or {@code null} when none were recorded
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart lossAndGradients(History history, GradientLog log, List<Marker> markers) {
        requireHistory("lossAndGradients", history);
        XYChart loss = Panels.xy("Training loss", "step", "loss", 560, 360);
        double[] steps = history.steps().stream().mapToDouble(StepRecord::step).toArray();
        double[] losses = history.losses();
        var raw = Panels.line(loss, "loss", steps, losses);
        if (raw != null) {
            raw.setLineColor(new Color(0xBB, 0xCC, 0xEE));
        }
        Panels.line(loss, "smoothed", steps, Panels.smooth(losses, Panels.SMOOTHING));
        Panels.orEmptyNote(loss, "no steps yet");
        Panels.markers(loss, markers);
        XYChart grads = Panels.xy("Gradient L2 norm", "step", "‖g‖", 560, 360);
        grads.getStyler().setYAxisLogarithmic(true);
        if (log != null) {
            for (String layer : log.layers("weight", GradientLog.NORM)) {
                Panels.line(grads, layer, Panels.doubles(log.steps(layer, "weight", GradientLog.NORM)),
                        log.series(layer, "weight", GradientLog.NORM));
            }
            var global = Panels.line(grads, "all (global, before clipping)", Panels.doubles(log.gradNormSteps()),
                    log.gradNorm());
            if (global != null) {
                global.setLineColor(Color.DARK_GRAY);
            }
        }
        Panels.orEmptyNote(grads, log == null ? "learner.watch(Gradients.perLayer())" : "no sampled step yet");
        Panels.markers(grads, markers);
        return new Chart(String.format(Locale.ROOT, "Training loss and gradient norms, %d steps", steps.length),
                List.of(loss, grads), 2);
    }

    /**
     * Several runs' losses (smoothed, per step) and test accuracies (per epoch) overlaid.
     *
     * @param runs histories by run name
     * @return the chart
     */
    public static Chart compareHistories(Map<String, History> runs) {
        requireRuns("compareHistories", runs);
        XYChart loss = Panels.xy("Training loss (smoothed)", "step", "loss", Panels.WIDTH, Panels.HEIGHT);
        XYChart acc = Panels.xy("Test accuracy", "step", "accuracy", Panels.WIDTH, Panels.HEIGHT);
        runs.forEach((run, h) -> {
            double[] steps = h.steps().stream().mapToDouble(StepRecord::step).toArray();
            Panels.line(loss, run, steps, Panels.smooth(h.losses(), Panels.SMOOTHING));
            Panels.points(acc, run, epochEnds(h), h.testAccuracies());
        });
        Panels.orEmptyNote(loss, "no steps");
        Panels.orEmptyNote(acc, "no test set");
        return new Chart("Runs compared: " + String.join(", ", runs.keySet()), List.of(loss, acc), 2);
    }

    private static void requireRuns(String method, Map<String, ?> runs) {
        if (runs == null || runs.isEmpty() || runs.values().stream().anyMatch(v -> v == null)) {
            throw new IllegalArgumentException(method + "(" + (runs == null ? "null" : runs.keySet()) + "): expected at"
                    + " least one named run, none null, e.g. Map.of(\"sgd\", a, \"adam\", b).");
        }
    }

    private static void requireHistory(String method, History history) {
        if (history == null) {
            throw new IllegalArgumentException(method + "(null, …): expected a history, e.g. learner.history().");
        }
    }

    /** The last step of each recorded epoch, where its figures are plotted. */
    private static double[] epochEnds(History history) {
        Map<Integer, Long> last = new LinkedHashMap<>();
        history.steps().forEach(s -> last.put(s.epoch(), s.step()));
        return history.epochs().stream().mapToDouble(e -> last.getOrDefault(e.epoch(), -1L)).map(v -> v < 0 ? Double.NaN : v)
                .toArray();
    }
}
