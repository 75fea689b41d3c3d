package dev.layerwise.train;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.Smoothing;
import dev.layerwise.stats.GradientCharts;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Histogram;
import dev.layerwise.stats.SpeedOfLearning;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Every chart recipe in one place, for discovery in a notebook ({@code Charts.} and Tab). Each
 * method hands over to the recipe that lives beside the data it draws: {@link GradientCharts} for
 * gradient statistics, {@link HistoryCharts} for histories, {@link ConfusionMatrix} for
 * evaluations. Each returns a {@link Chart} that shows itself as PNG and SVG and saves to a file.
 */
public final class Charts {
    private Charts() {}

    /**
     * Each layer's weight-gradient L2 norm over the recorded steps, on a log scale.
     *
     * @param log a learner's {@code gradients()}
     * @return the chart
     */
    public static Chart gradientNorms(GradientLog log) {
        return GradientCharts.gradientNorms(log);
    }

    /**
     * One recorded metric of one parameter, one line per layer; magnitudes use a log scale.
     *
     * @param log the recorded statistics
     * @param parameter e.g. {@code weight}, {@code bias}, or {@link GradientLog#ACTIVATION}
     * @param metric e.g. {@link GradientLog#UPDATE_RATIO}
     * @return the chart
     */
    public static Chart metric(GradientLog log, String parameter, String metric) {
        return GradientCharts.metric(log, parameter, metric);
    }

    /**
     * Nielsen's speed of learning as bars, one per layer.
     *
     * @param speed from {@code learner.gradients().speedOfLearning()}
     * @return the chart
     */
    public static Chart speedOfLearning(SpeedOfLearning speed) {
        return GradientCharts.speedOfLearning(speed);
    }

    /**
     * Histograms of every layer's weights or weight gradients, one panel per layer.
     *
     * @param log statistics recorded with {@code Gradients.perLayer().histograms(40)}
     * @param kind {@link Histogram#GRADIENT} or {@link Histogram#WEIGHT}
     * @return the chart
     */
    public static Chart histograms(GradientLog log, String kind) {
        return GradientCharts.histograms(log, kind);
    }

    /**
     * The fraction of saturated units per activation layer over the recorded steps.
     *
     * @param log statistics recorded with {@code Gradients.perLayer().activations()}
     * @return the chart
     */
    public static Chart activationSaturation(GradientLog log) {
        return GradientCharts.activationSaturation(log);
    }

    /**
     * Several runs' metric overlaid, one line per run and layer.
     *
     * @param runs gradient logs by run name
     * @param parameter e.g. {@code weight}
     * @param metric e.g. {@link GradientLog#NORM}
     * @return the chart
     */
    public static Chart compare(Map<String, GradientLog> runs, String parameter, String metric) {
        return GradientCharts.compare(runs, parameter, metric);
    }

    /**
     * Loss and accuracy over the steps: training per step (smoothed) and per epoch, test per epoch.
     *
     * @param history a learner's {@code history()}
     * @return the chart
     */
    public static Chart history(History history) {
        return HistoryCharts.history(history);
    }

    /**
     * Loss and accuracy over the steps with events marked.
     *
     * @param history a learner's {@code history()}
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart history(History history, List<Marker> markers) {
        return HistoryCharts.history(history, markers);
    }

    /**
     * The base learning rate over the steps, with events marked.
     *
     * @param history a learner's {@code history()}
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart learningRate(History history, List<Marker> markers) {
        return HistoryCharts.learningRate(history, markers);
    }

    /**
     * Any per-step quantities of a history, one line each.
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
        return HistoryCharts.perStep(history, title, yLabel, series, markers);
    }

    /**
     * The training loss and each layer's weight-gradient norm side by side (the live chart's picture),
     * smoothed with {@link Smoothing#DEFAULT}.
     *
     * @param history the steps to draw
     * @param log gradient statistics, or {@code null} when none were recorded
     * @param markers events as (step, label)
     * @return the chart
     */
    public static Chart lossAndGradients(History history, GradientLog log, List<Marker> markers) {
        return HistoryCharts.lossAndGradients(history, log, markers);
    }

    /**
     * The training loss and each layer's weight-gradient norm side by side, smoothed as asked.
     *
     * @param history the steps to draw
     * @param log gradient statistics, or {@code null} when none were recorded
     * @param markers events as (step, label)
     * @param smoothing e.g. {@code Smoothing.ema(0.9)}, or {@code Smoothing.none()}
     * @return the chart
     */
    public static Chart lossAndGradients(History history, GradientLog log, List<Marker> markers, Smoothing smoothing) {
        return HistoryCharts.lossAndGradients(history, log, markers, smoothing);
    }

    /**
     * One recorded metric of one parameter, one line per layer, smoothed over the raw values drawn faintly.
     *
     * @param log the recorded statistics
     * @param parameter e.g. {@code weight}
     * @param metric e.g. {@link GradientLog#NORM}
     * @param smoothing e.g. {@code Smoothing.ema(0.95)}
     * @return the chart
     */
    public static Chart metric(GradientLog log, String parameter, String metric, Smoothing smoothing) {
        return GradientCharts.metric(log, parameter, metric, smoothing);
    }

    /**
     * Several runs' losses (smoothed) and test accuracies overlaid.
     *
     * @param runs histories by run name
     * @return the chart
     */
    public static Chart compareHistories(Map<String, History> runs) {
        return HistoryCharts.compareHistories(runs);
    }

    /**
     * A confusion matrix as a heat map: true classes down, predicted classes across, counts in the cells.
     *
     * @param matrix e.g. {@code learner.evaluate().confusion()}
     * @return the chart
     */
    public static Chart confusion(ConfusionMatrix matrix) {
        return ConfusionView.chart(matrix);
    }
}
