package dev.layerwise.search;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link DropoutSweep} measured: for each dropout rate, training and test accuracy (dropout
 * off) and the gap between them, as a table, a chart and CSV.
 */
public final class DropoutResult implements Displayable {
    /**
     * One dropout rate's run.
     *
     * @param rate the dropout rate
     * @param trainAccuracy accuracy on the training examples after training, dropout off
     * @param testAccuracy accuracy on the test examples
     * @param trainLoss loss on the training examples
     * @param testLoss loss on the test examples
     * @param seconds training time
     * @param testAccuracyPerEpoch the test accuracy after each epoch
     */
    public record Run(double rate, double trainAccuracy, double testAccuracy, double trainLoss, double testLoss,
            double seconds, double[] testAccuracyPerEpoch) {
        /** @return training minus test accuracy: how much the net fits its training examples beyond what generalizes */
        public double gap() {
            return trainAccuracy - testAccuracy;
        }

        String summary() {
            return String.format(Locale.ROOT, "dropout %.2f: train %.2f%%, test %.2f%%, gap %.2f points (%.1f s)", rate,
                    100 * trainAccuracy, 100 * testAccuracy, 100 * gap(), seconds);
        }
    }

    private final List<Run> runs;
    private final int epochs;
    private final String dataName;
    private final String optimizer;
    private final String ending;

    DropoutResult(List<Run> runs, int epochs, String dataName, String optimizer, String ending) {
        this.runs = List.copyOf(runs);
        this.epochs = epochs;
        this.dataName = dataName;
        this.optimizer = optimizer;
        this.ending = ending;
    }

    /** @return one run per rate, in the order tried */
    public List<Run> runs() {
        return runs;
    }

    /**
     * One rate's run.
     *
     * @param rate a rate the sweep tried
     * @return its run
     */
    public Run run(double rate) {
        return runs.stream().filter(r -> r.rate() == rate).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "Rate " + rate + " was not run; the sweep ran " + runs.stream().map(Run::rate).toList() + "."));
    }

    /** @return how the sweep ended */
    public String ending() {
        return ending;
    }

    /** @return training and test accuracy against the dropout rate, and the gap between them */
    public Chart plot() {
        XYChart acc = panel("Accuracy after " + epochs + " epochs", "accuracy");
        XYChart gap = panel("Train − test gap", "accuracy points");
        double[] x = runs.stream().mapToDouble(Run::rate).toArray();
        if (x.length == 0) {
            acc.setTitle(acc.getTitle() + " (no rate ran)");
            acc.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            gap.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        } else {
            acc.addSeries("train", x, runs.stream().mapToDouble(Run::trainAccuracy).toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
            acc.addSeries("test", x, runs.stream().mapToDouble(Run::testAccuracy).toArray())
                    .setMarker(SeriesMarkers.SQUARE);
            gap.addSeries("gap", x, runs.stream().mapToDouble(r -> 100 * r.gap()).toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        return new Chart("Dropout sweep on " + dataName + ": train and test accuracy and their gap per rate",
                List.of(acc, gap), 2);
    }

    private static XYChart panel(String title, String y) {
        XYChart c = new XYChartBuilder().width(520).height(360).title(title).xAxisTitle("dropout rate").yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(7);
        return c;
    }

    /** @return one row per rate: rate, accuracies, gap, losses, seconds */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("rate,train_accuracy,test_accuracy,gap,train_loss,test_loss,seconds\n");
        runs.forEach(r -> sb.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.4f%n", r.rate(),
                r.trainAccuracy(), r.testAccuracy(), r.gap(), r.trainLoss(), r.testLoss(), r.seconds())));
        return sb.toString();
    }

    private Table table() {
        Table t = new Table(List.of("rate", "train acc", "test acc", "gap (points)", "train loss", "test loss",
                "seconds"));
        Run bestTest = runs.stream().max((a, b) -> Double.compare(a.testAccuracy(), b.testAccuracy())).orElse(null);
        for (Run r : runs) {
            t.row(List.of(String.format(Locale.ROOT, "%.2f", r.rate()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * r.trainAccuracy()),
                    String.format(Locale.ROOT, "%.2f%%", 100 * r.testAccuracy()),
                    String.format(Locale.ROOT, "%.2f", 100 * r.gap()), String.format(Locale.ROOT, "%.4f", r.trainLoss()),
                    String.format(Locale.ROOT, "%.4f", r.testLoss()), String.format(Locale.ROOT, "%.1f", r.seconds())),
                    r == bestTest);
        }
        return t;
    }

    private String heading() {
        return String.format(Locale.ROOT, "Dropout sweep on %s: %d epochs with %s; %s. * = best test accuracy.",
                dataName, epochs, optimizer, ending);
    }

    @Override
    public String toString() {
        return heading() + "\n" + table().text();
    }

    @Override
    public MimeBundle toMimeBundle() {
        Chart chart = plot();
        return MimeBundle.text(toString()).withHtml("<div><p>" + Table.escape(heading()) + "</p>" + table().html()
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(chart.png()) + "\" alt=\""
                + Table.escape(chart.description()) + "\"/></div>");
    }
}
