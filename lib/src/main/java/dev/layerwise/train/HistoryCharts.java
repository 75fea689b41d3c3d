package dev.layerwise.train;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.Panels;
import dev.layerwise.plot.Smoothing;
import dev.layerwise.stats.GradientLog;

import org.knowm.xchart.XYChart;

import java.util.ArrayList;
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
    /** Two panels side by side fit {@link Chart#MAX_WIDTH}. */
    private static final int PANEL_WIDTH = 480;
    private static final int PANEL_HEIGHT = 340;

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
        XYChart loss = Panels.xy("Loss", "step", "loss", PANEL_WIDTH, PANEL_HEIGHT);
        XYChart acc = Panels.xy("Accuracy", "step", "accuracy", PANEL_WIDTH, PANEL_HEIGHT);
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
     * all gradients before clipping: the live chart's picture, also useful after training. Both are
     * smoothed with {@link Smoothing#DEFAULT} over the raw values drawn faintly.
     *
     * @param history the steps to draw
     * @param log gradient statistics, or {@code null} when none were recorded
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart lossAndGradients(History history, GradientLog log, List<Marker> markers) {
        return lossAndGradients(history, log, markers, Smoothing.DEFAULT);
    }

    /**
     * The training loss and each layer's weight-gradient norm side by side, smoothed as asked.
     *
     * @param history the steps to draw
     * @param log gradient statistics, or {@code null} when none were recorded
     * @param markers events as (step, label)
     * @param smoothing e.g. {@code Smoothing.ema(0.9)}, or {@code Smoothing.none()} for the raw series alone
     * @return the chart
     */
    public static Chart lossAndGradients(History history, GradientLog log, List<Marker> markers, Smoothing smoothing) {
        requireHistory("lossAndGradients", history);
        if (smoothing == null) {
            throw new IllegalArgumentException("lossAndGradients(…, null): expected a smoothing, e.g. Smoothing.ema(0.95)"
                    + " or Smoothing.none().");
        }
        String how = smoothing.isNone() ? "" : " (" + smoothing + ", raw faint)";
        XYChart loss = Panels.xy("Training loss" + how, "step", "loss", PANEL_WIDTH, PANEL_HEIGHT);
        double[] steps = history.steps().stream().mapToDouble(StepRecord::step).toArray();
        Panels.smoothedLines(loss, List.of(new Panels.Series("loss", steps, history.losses())), smoothing);
        Panels.orEmptyNote(loss, "no steps yet");
        Panels.markers(loss, markers);
        XYChart grads = Panels.xy("Weight-gradient L2 norm" + how, "step", "‖∂C/∂w‖", PANEL_WIDTH, PANEL_HEIGHT);
        grads.getStyler().setYAxisLogarithmic(true);
        if (log != null) {
            List<Panels.Series> layers = new ArrayList<>();
            for (String layer : log.layers("weight", GradientLog.NORM)) {
                layers.add(new Panels.Series(layer, Panels.doubles(log.steps(layer, "weight", GradientLog.NORM)),
                        log.series(layer, "weight", GradientLog.NORM)));
            }
            if (log.gradNorm().length > 0) {
                layers.add(new Panels.Series("all (global, before clipping)", Panels.doubles(log.gradNormSteps()),
                        log.gradNorm()));
            }
            Panels.smoothedLines(grads, layers, smoothing);
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
        XYChart loss = Panels.xy("Training loss (smoothed)", "step", "loss", PANEL_WIDTH, PANEL_HEIGHT);
        XYChart acc = Panels.xy("Test accuracy", "step", "accuracy", PANEL_WIDTH, PANEL_HEIGHT);
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
