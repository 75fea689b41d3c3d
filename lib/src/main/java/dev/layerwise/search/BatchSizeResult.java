package dev.layerwise.search;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link BatchSizeSweep} measured: for each mini-batch size, whether and how fast the test
 * accuracy reached the target, as a table, a chart and CSV.
 */
public final class BatchSizeResult implements Displayable {
    /**
     * One batch size's run.
     *
     * @param batchSize the mini-batch size
     * @param reached whether the test accuracy reached the target
     * @param examplesToTarget training examples seen when it was first measured at the target; -1 if not reached
     * @param secondsToTarget training time until then, evaluations excluded; NaN if not reached
     * @param stepsToTarget optimizer steps until then; -1 if not reached
     * @param finalAccuracy the last measured test accuracy
     * @param examplesSeen training examples seen in all
     * @param seconds training time in all, evaluations excluded
     * @param measuredAt examples seen at each measurement
     * @param accuracies the test accuracy at each measurement
     */
    public record Run(int batchSize, boolean reached, long examplesToTarget, double secondsToTarget, long stepsToTarget,
            double finalAccuracy, long examplesSeen, double seconds, long[] measuredAt, double[] accuracies) {
        String summary(double target) {
            return reached ? String.format(Locale.ROOT, "batch %d: reached %.1f%% after %,d examples (%,d steps) in %.2f"
                    + " s", batchSize, 100 * target, examplesToTarget, stepsToTarget, secondsToTarget)
                    : String.format(Locale.ROOT, "batch %d: did not reach %.1f%% in %,d examples (%.2f s); final %.1f%%",
                            batchSize, 100 * target, examplesSeen, seconds, 100 * finalAccuracy);
        }
    }

    private final List<Run> runs;
    private final double target;
    private final int maxEpochs;
    private final int evaluateEvery;
    private final String dataName;
    private final String ending;

    BatchSizeResult(List<Run> runs, double target, int maxEpochs, int evaluateEvery, String dataName, String ending) {
        this.runs = List.copyOf(runs);
        this.target = target;
        this.maxEpochs = maxEpochs;
        this.evaluateEvery = evaluateEvery;
        this.dataName = dataName;
        this.ending = ending;
    }

    /** @return one run per batch size, in the order tried */
    public List<Run> runs() {
        return runs;
    }

    /** @return the target test accuracy */
    public double target() {
        return target;
    }

    /**
     * One batch size's run.
     *
     * @param batchSize a size the sweep tried
     * @return its run
     */
    public Run run(int batchSize) {
        return runs.stream().filter(r -> r.batchSize() == batchSize).findFirst().orElseThrow(
                () -> new IllegalArgumentException("Batch size " + batchSize + " was not run; the sweep ran "
                        + runs.stream().map(Run::batchSize).toList() + "."));
    }

    /** @return the size that reached the target in the least training time, if any did */
    public Optional<Run> fastest() {
        return runs.stream().filter(Run::reached).min((a, b) -> Double.compare(a.secondsToTarget(), b.secondsToTarget()));
    }

    /** @return how the sweep ended, e.g. {@code all 7 sizes ran} */
    public String ending() {
        return ending;
    }

    /** @return test accuracy against examples seen, one line per size, and time to target against batch size */
    public Chart plot() {
        XYChart curves = panel("Test accuracy while training", "training examples seen", "test accuracy");
        for (Run r : runs) {
            double[] x = java.util.Arrays.stream(r.measuredAt()).asDoubleStream().toArray();
            XYSeries s = curves.addSeries("batch " + r.batchSize(), x, r.accuracies());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!runs.isEmpty()) {
            long maxX = runs.stream().mapToLong(Run::examplesSeen).max().orElse(1);
            XYSeries t = curves.addSeries(String.format(Locale.ROOT, "target %.0f%%", 100 * target),
                    new double[] {0, Math.max(1, maxX)}, new double[] {target, target});
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Color.GRAY);
        }
        XYChart time = panel("Time to " + String.format(Locale.ROOT, "%.0f%%", 100 * target) + " test accuracy",
                "batch size (log scale)", "training seconds");
        time.getStyler().setXAxisLogarithmic(true);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        runs.stream().filter(Run::reached).forEach(r -> {
            xs.add((double) r.batchSize());
            ys.add(r.secondsToTarget());
        });
        if (!xs.isEmpty()) {
            time.addSeries("reached", xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
        for (XYChart c : List.of(curves, time)) {
            if (c.getSeriesMap().isEmpty()) {
                c.setTitle(c.getTitle() + " (no size reached the target)");
                c.addSeries(" ", new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            }
        }
        return new Chart("Batch-size sweep on " + dataName + ": time to " + String.format(Locale.ROOT, "%.0f%%", 100
                * target) + " test accuracy", List.of(curves, time), 2);
    }

    private static XYChart panel(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(560).height(380).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** @return one row per size: batch, reached, examples, steps and seconds to target, final accuracy, totals */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(
                "batch_size,reached,examples_to_target,steps_to_target,seconds_to_target,final_accuracy,examples_seen,"
                        + "seconds\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "%d,%b,%s,%s,%s,%.6f,%d,%.4f%n", r.batchSize(), r.reached(),
                    r.reached() ? r.examplesToTarget() : "", r.reached() ? r.stepsToTarget() : "",
                    r.reached() ? String.format(Locale.ROOT, "%.4f", r.secondsToTarget()) : "", r.finalAccuracy(),
                    r.examplesSeen(), r.seconds()));
        }
        return sb.toString();
    }

    private Table table() {
        Table t = new Table(List.of("batch", "reached", "examples to target", "steps to target", "seconds to target",
                "final test acc", "examples seen", "seconds"));
        Run fastest = fastest().orElse(null);
        for (Run r : runs) {
            t.row(List.of(String.valueOf(r.batchSize()), r.reached() ? "yes" : "no",
                    r.reached() ? String.format(Locale.ROOT, "%,d", r.examplesToTarget()) : "—",
                    r.reached() ? String.format(Locale.ROOT, "%,d", r.stepsToTarget()) : "—",
                    r.reached() ? String.format(Locale.ROOT, "%.2f", r.secondsToTarget()) : "—",
                    String.format(Locale.ROOT, "%.2f%%", 100 * r.finalAccuracy()),
                    String.format(Locale.ROOT, "%,d", r.examplesSeen()), String.format(Locale.ROOT, "%.2f", r.seconds())),
                    r == fastest);
        }
        return t;
    }

    private String heading() {
        return String.format(Locale.ROOT, "Batch-size sweep on %s: time to %.1f%% test accuracy (measured every %,d"
                + " examples, at most %d epochs); %s.%s", dataName, 100 * target, evaluateEvery, maxEpochs, ending,
                fastest().map(f -> " Fastest: batch " + f.batchSize() + " (*).").orElse(" No size reached the target."));
    }

    @Override
    public String toString() {
        return heading() + "\n" + table().text();
    }

    @Override
    public MimeBundle toMimeBundle() {
        Chart chart = plot();
        return MimeBundle.text(toString()).withHtml("<div><p>" + Table.escape(heading()) + "</p>" + table().html()
                + "<img src=\"data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(chart.png())
                + "\" alt=\"" + Table.escape(chart.description()) + "\"/></div>");
    }
}
