package dev.layerwise.plot;

import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Histogram;
import dev.layerwise.stats.SpeedOfLearning;
import dev.layerwise.train.EpochRecord;
import dev.layerwise.train.History;
import dev.layerwise.train.StepRecord;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Charts of training statistics and histories, as functions of plain data: each returns a
 * {@link Chart} that shows itself as PNG and SVG in a notebook and saves to a file. Every chart has
 * a title, axis labels and a legend naming its layers or runs.
 */
public final class Charts {
    private static final double SMOOTHING = 0.95;
    private static final List<String> METRICS = List.of(GradientLog.NORM, GradientLog.MEAN_ABS, GradientLog.STD,
            GradientLog.MAX_ABS, GradientLog.WEIGHT_NORM, GradientLog.UPDATE_RATIO, GradientLog.MEAN,
            GradientLog.SATURATED, GradientLog.DEAD);
    private static final List<String> PARAMETERS = List.of("weight", "bias", "gamma", "beta", GradientLog.ACTIVATION);

    private Charts() {}

    /**
     * Each layer's weight-gradient L2 norm over the recorded steps, on a log scale: where gradients
     * vanish or explode, layer by layer.
     *
     * @param log a learner's {@code gradients()}
     * @return the chart
     */
    public static Chart gradientNorms(GradientLog log) {
        return metric(log, "weight", GradientLog.NORM);
    }

    /**
     * One recorded metric of one parameter, one line per layer, over the recorded steps; magnitudes
     * (norms, mean |g|, std, max |g|, update ratio) use a log scale.
     *
     * @param log the recorded statistics
     * @param parameter e.g. {@code weight}, {@code bias}, or {@link GradientLog#ACTIVATION}
     * @param metric e.g. {@link GradientLog#UPDATE_RATIO}
     * @return the chart
     */
    public static Chart metric(GradientLog log, String parameter, String metric) {
        requireLog("metric", log);
        requireKnown(log, parameter, metric);
        String title = title(parameter, metric);
        XYChart c = Panels.xy(title, "step", metric, Panels.WIDTH, Panels.HEIGHT);
        c.getStyler().setYAxisLogarithmic(isMagnitude(metric));
        for (String layer : log.layers(parameter, metric)) {
            Panels.line(c, layer, Panels.doubles(log.steps(layer, parameter, metric)), log.series(layer, parameter, metric));
        }
        return Chart.of(title, Panels.orEmptyNote(c, "watch the learner with Gradients.perLayer()"));
    }

    private static void requireLog(String method, GradientLog log) {
        if (log == null) {
            throw new IllegalArgumentException(method + "(null, …): expected a gradient log, e.g. learner.gradients()"
                    + " after learner.watch(Gradients.perLayer()) and fit(…).");
        }
    }

    /** A misspelt metric or parameter fails, where a metric simply not recorded yet draws an empty chart. */
    private static void requireKnown(GradientLog log, String parameter, String metric) {
        if (metric == null || (!METRICS.contains(metric) && !log.metrics().contains(metric))) {
            throw new IllegalArgumentException("metric(…, \"" + parameter + "\", \"" + metric + "\"): unknown metric;"
                    + " expected one of " + METRICS + ", e.g. GradientLog.NORM.");
        }
        boolean recorded = log.rows().stream().anyMatch(r -> r.parameter().equals(parameter));
        if (parameter == null || (!PARAMETERS.contains(parameter) && !recorded)) {
            throw new IllegalArgumentException("metric(…, \"" + parameter + "\", \"" + metric + "\"): unknown"
                    + " parameter; expected one of " + PARAMETERS + " (the part of each layer: weight, bias, or"
                    + " GradientLog.ACTIVATION for activation statistics).");
        }
    }

    private static boolean isMagnitude(String metric) {
        return List.of(GradientLog.NORM, GradientLog.MEAN_ABS, GradientLog.STD, GradientLog.MAX_ABS,
                GradientLog.WEIGHT_NORM, GradientLog.UPDATE_RATIO).contains(metric);
    }

    private static String title(String parameter, String metric) {
        Map<String, String> names = Map.of(GradientLog.NORM, "gradient L2 norm", GradientLog.MEAN_ABS,
                "gradient mean |g|", GradientLog.STD, "gradient std", GradientLog.MAX_ABS, "gradient max |g|",
                GradientLog.WEIGHT_NORM, "L2 norm", GradientLog.UPDATE_RATIO, "update ratio ‖Δw‖/‖w‖",
                GradientLog.MEAN, "mean", GradientLog.SATURATED, "fraction saturated", GradientLog.DEAD,
                "fraction of dead units");
        String what = names.getOrDefault(metric, metric);
        String whose = parameter.equals(GradientLog.ACTIVATION) ? "Activation" : capitalize(parameter);
        return whose + " " + what + " per layer";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Nielsen's speed of learning as bars, one per layer: in a deep sigmoid net the first hidden
     * layer's bar is the shortest.
     *
     * @param speed from {@code learner.gradients().speedOfLearning()}
     * @return the chart
     */
    public static Chart speedOfLearning(SpeedOfLearning speed) {
        if (speed == null) {
            throw new IllegalArgumentException("speedOfLearning(null): expected e.g."
                    + " learner.gradients().speedOfLearning().");
        }
        String title = String.format(Locale.ROOT, "Speed of learning (mean bias-gradient norm, %d steps)",
                speed.samples());
        CategoryChart c = new CategoryChartBuilder().width(Panels.WIDTH).height(Panels.HEIGHT).title(title)
                .xAxisTitle("layer").yAxisTitle("mean ‖∂C/∂b‖").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setOverlapped(true);
        List<String> layers = new ArrayList<>(speed.speeds().keySet());
        for (String layer : layers) {
            List<Double> values = new ArrayList<>();
            layers.forEach(l -> values.add(l.equals(layer) ? speed.of(layer) : 0.0));
            c.addSeries(layer, layers, values);
        }
        if (layers.isEmpty()) {
            c.setTitle(title + " (nothing recorded: layers with biases are needed)");
            c.addSeries(" ", List.of("-"), List.of(0.0));
        }
        return Chart.of(title, c);
    }

    /**
     * Histograms of every layer's weights or weight gradients, one panel per layer, a few recorded
     * steps per panel from early (light) to late (dark): small multiples of how distributions move.
     *
     * @param log statistics recorded with {@code Gradients.perLayer().histograms(40)}
     * @param kind {@link Histogram#GRADIENT} or {@link Histogram#WEIGHT}
     * @return the chart
     */
    public static Chart histograms(GradientLog log, String kind) {
        requireLog("histograms", log);
        if (!Histogram.GRADIENT.equals(kind) && !Histogram.WEIGHT.equals(kind)) {
            throw new IllegalArgumentException("histograms(log, \"" + kind + "\"): unknown kind; expected"
                    + " Histogram.GRADIENT (\"gradient\") or Histogram.WEIGHT (\"weight\").");
        }
        return HistogramPanels.chart(log, kind, "weight");
    }

    /**
     * The fraction of saturated units per activation layer over the recorded steps (sigmoid outputs
     * below 0.01 or above 0.99, tanh outputs beyond ±0.99).
     *
     * @param log statistics recorded with {@code Gradients.perLayer().activations()}
     * @return the chart
     */
    public static Chart activationSaturation(GradientLog log) {
        return metric(log, GradientLog.ACTIVATION, GradientLog.SATURATED);
    }

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
        Panels.line(loss, "train (smoothed)", steps, Panels.smooth(history.losses(), SMOOTHING));
        Panels.line(acc, "train (smoothed)", steps, Panels.smooth(history.accuracies(), SMOOTHING));
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
     * The training loss and each layer's weight-gradient norm side by side: the live chart's
     * picture, also useful after training.
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
        Panels.line(loss, "smoothed", steps, Panels.smooth(losses, SMOOTHING));
        Panels.orEmptyNote(loss, "no steps yet");
        Panels.markers(loss, markers);
        XYChart grads = Panels.xy("Weight-gradient L2 norm", "step", "‖∂C/∂w‖", 560, 360);
        grads.getStyler().setYAxisLogarithmic(true);
        if (log != null) {
            for (String layer : log.layers("weight", GradientLog.NORM)) {
                Panels.line(grads, layer, Panels.doubles(log.steps(layer, "weight", GradientLog.NORM)),
                        log.series(layer, "weight", GradientLog.NORM));
            }
        }
        Panels.orEmptyNote(grads, log == null ? "learner.watch(Gradients.perLayer())" : "no sampled step yet");
        Panels.markers(grads, markers);
        return new Chart(String.format(Locale.ROOT, "Training loss and gradient norms, %d steps", steps.length),
                List.of(loss, grads), 2);
    }

    /**
     * Several runs' metric overlaid, one line per run and layer, named {@code run · layer}.
     *
     * @param runs gradient logs by run name
     * @param parameter e.g. {@code weight}
     * @param metric e.g. {@link GradientLog#NORM}
     * @return the chart
     */
    public static Chart compare(Map<String, GradientLog> runs, String parameter, String metric) {
        requireRuns("compare", runs);
        String title = title(parameter, metric) + ", " + String.join(" vs ", runs.keySet());
        XYChart c = Panels.xy(title, "step", metric, 760, Panels.HEIGHT);
        c.getStyler().setYAxisLogarithmic(isMagnitude(metric));
        runs.forEach((run, log) -> {
            for (String layer : log.layers(parameter, metric)) {
                Panels.line(c, run + " · " + layer, Panels.doubles(log.steps(layer, parameter, metric)),
                        log.series(layer, parameter, metric));
            }
        });
        return Chart.of(title, Panels.orEmptyNote(c, "no run recorded " + metric));
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
            Panels.line(loss, run, steps, Panels.smooth(h.losses(), SMOOTHING));
            Panels.points(acc, run, epochEnds(h), h.testAccuracies());
        });
        Panels.orEmptyNote(loss, "no steps");
        Panels.orEmptyNote(acc, "no test set");
        return new Chart("Runs compared: " + String.join(", ", runs.keySet()), List.of(loss, acc), 2);
    }
}
