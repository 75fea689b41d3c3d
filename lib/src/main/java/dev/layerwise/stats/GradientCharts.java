package dev.layerwise.stats;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Panels;
import dev.layerwise.plot.Smoothing;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts of gradient, weight and activation statistics: the recipes that draw a
 * {@link GradientLog}, {@link SpeedOfLearning} or several logs compared, over the plotting toolkit.
 * {@code log.plot()} and {@code Charts.metric(…)} come here.
 */
public final class GradientCharts {
    private static final List<String> METRICS = List.of(GradientLog.NORM, GradientLog.MEAN_ABS, GradientLog.STD,
            GradientLog.MAX_ABS, GradientLog.WEIGHT_NORM, GradientLog.UPDATE_RATIO, GradientLog.MEAN,
            GradientLog.SATURATED, GradientLog.DEAD, GradientLog.GRAD_NORM);
    private static final List<String> PARAMETERS = List.of("weight", "bias", "gamma", "beta", GradientLog.ACTIVATION,
            GradientLog.ALL);

    private GradientCharts() {}

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
        return metric(log, parameter, metric, Smoothing.none());
    }

    /**
     * One recorded metric of one parameter, one line per layer, smoothed for reading: the raw values faint
     * behind, each layer's smoothed line on top, named {@code "layer (EMA)"}. The log keeps the raw values.
     *
     * @param log the recorded statistics
     * @param parameter e.g. {@code weight}, {@code bias}, or {@link GradientLog#ACTIVATION}
     * @param metric e.g. {@link GradientLog#NORM}
     * @param smoothing e.g. {@code Smoothing.ema(0.95)}, or {@code Smoothing.none()} for raw lines named by layer
     * @return the chart
     */
    public static Chart metric(GradientLog log, String parameter, String metric, Smoothing smoothing) {
        requireLog("metric", log);
        requireKnown(log, parameter, metric);
        if (smoothing == null) {
            throw new IllegalArgumentException("metric(…, null): expected a smoothing, e.g. Smoothing.ema(0.95) or"
                    + " Smoothing.none().");
        }
        String title = title(parameter, metric) + (smoothing.isNone() ? "" : " (" + smoothing + ", raw faint)");
        XYChart c = Panels.xy(title, "step", metric, Panels.WIDTH, Panels.HEIGHT);
        c.getStyler().setYAxisLogarithmic(isMagnitude(metric));
        List<Panels.Series> layers = new ArrayList<>();
        for (String layer : log.layers(parameter, metric)) {
            layers.add(new Panels.Series(layer, Panels.doubles(log.steps(layer, parameter, metric)),
                    log.series(layer, parameter, metric)));
        }
        Panels.smoothedLines(c, layers, smoothing);
        return Chart.of(title, Panels.orEmptyNote(c, "watch the learner with Gradients.perLayer()"));
    }

    /**
     * The L2 norm of all gradients together before clipping, over the recorded steps, log scale:
     * the number a global-norm clipping bound is compared with.
     *
     * @param log a learner's {@code gradients()}
     * @return the chart
     */
    public static Chart gradNorm(GradientLog log) {
        return metric(log, GradientLog.ALL, GradientLog.GRAD_NORM);
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

    static void requireRuns(String method, Map<String, ?> runs) {
        if (runs == null || runs.isEmpty() || runs.values().stream().anyMatch(v -> v == null)) {
            throw new IllegalArgumentException(method + "(" + (runs == null ? "null" : runs.keySet()) + "): expected at"
                    + " least one named run, none null, e.g. Map.of(\"sgd\", a, \"adam\", b).");
        }
    }

    private static boolean isMagnitude(String metric) {
        return List.of(GradientLog.NORM, GradientLog.MEAN_ABS, GradientLog.STD, GradientLog.MAX_ABS,
                GradientLog.WEIGHT_NORM, GradientLog.UPDATE_RATIO, GradientLog.GRAD_NORM).contains(metric);
    }

    private static String title(String parameter, String metric) {
        Map<String, String> names = Map.of(GradientLog.NORM, "gradient L2 norm", GradientLog.MEAN_ABS,
                "gradient mean |g|", GradientLog.STD, "gradient std", GradientLog.MAX_ABS, "gradient max |g|",
                GradientLog.WEIGHT_NORM, "L2 norm", GradientLog.UPDATE_RATIO, "update ratio ‖Δw‖/‖w‖",
                GradientLog.MEAN, "mean", GradientLog.SATURATED, "fraction saturated", GradientLog.DEAD,
                "fraction of dead units", GradientLog.GRAD_NORM, "global gradient norm before clipping");
        if (metric.equals(GradientLog.GRAD_NORM)) {
            return "Global gradient norm before clipping";
        }
        String what = names.getOrDefault(metric, metric);
        String whose = parameter.equals(GradientLog.ACTIVATION) ? "Activation" : capitalize(parameter);
        return whose + " " + what + " per layer";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
