package dev.layerwise.search;

import dev.layerwise.plot.Chart;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The charts of a {@link SearchResult}: score per trial with best so far, and score against a hyperparameter. */
final class SearchCharts {
    private static final Color FINISHED = new Color(0x33, 0x66, 0xAA);
    private static final Color PRUNED = new Color(0xBB, 0xBB, 0xBB);
    private static final Color BEST = new Color(0xCC, 0x55, 0x22);

    private SearchCharts() {}

    static Chart progress(SearchResult r) {
        String title = "Score per trial (" + r.method() + " search, " + (r.maximized() ? "higher" : "lower")
                + " is better)";
        XYChart c = panel(title, "trial", "score", 640, 400);
        List<TrialRecord> ts = r.trials();
        scatter(c, "finished", ts, TrialRecord::finished, t -> t.number(), FINISHED);
        scatter(c, "pruned (last report)", ts, t -> t.state() == TrialState.PRUNED, t -> t.number(), PRUNED);
        double[] best = r.bestSoFar();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < best.length; i++) {
            if (Double.isFinite(best[i])) {
                xs.add((double) ts.get(i).number());
                ys.add(best[i]);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = c.addSeries("best so far", xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(BEST);
        }
        return Chart.of(title + ", " + ts.size() + " trials", orNote(c));
    }

    static Chart against(SearchResult r, Hyperparameter p) {
        return Chart.of("Score against " + p.name() + " (" + r.method() + " search)", againstPanel(r, p, 640, 400));
    }

    static Chart againstAll(SearchResult r) {
        List<XYChart> panels = r.space().hyperparameters().stream().map(p -> againstPanel(r, p, 420, 320)).toList();
        return new Chart("Score against each hyperparameter (" + r.method() + " search): "
                + String.join(", ", r.space().names()), panels, Math.min(3, panels.size()));
    }

    private static XYChart againstPanel(SearchResult r, Hyperparameter p, int width, int height) {
        XYChart c = panel("Score against " + p.name(), p.name() + (p.isLogScale() ? " (log scale)" : ""), "score",
                width, height);
        c.getStyler().setXAxisLogarithmic(p.isLogScale());
        ToX x;
        if (p.isNumeric()) {
            x = t -> ((Number) t.params().get(p.name())).doubleValue();
        } else {
            List<Object> choices = p.choices();
            x = t -> choices.indexOf(t.params().get(p.name()));
            c.getStyler().setXAxisMin(-0.5);
            c.getStyler().setXAxisMax(choices.size() - 0.5);
            c.setCustomXAxisTickLabelsFormatter(v -> {
                long i = Math.round(v);
                return Math.abs(v - i) < 1e-6 && i >= 0 && i < choices.size() ? String.valueOf(choices.get((int) i)) : "";
            });
        }
        scatter(c, "finished", r.trials(), TrialRecord::finished, x, FINISHED);
        scatter(c, "pruned (last report)", r.trials(), t -> t.state() == TrialState.PRUNED, x, PRUNED);
        r.trials().stream().filter(TrialRecord::finished).findAny().ifPresent(any -> {
            TrialRecord best = r.best();
            XYSeries s = c.addSeries("best", new double[] {x.of(best)}, new double[] {best.score()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(BEST);
        });
        return orNote(c);
    }

    private static XYChart panel(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(7);
        return c;
    }

    private static void scatter(XYChart c, String name, List<TrialRecord> trials, Predicate<TrialRecord> which, ToX x,
            Color color) {
        double[] xs = trials.stream().filter(which).filter(t -> Double.isFinite(t.score())).mapToDouble(x::of).toArray();
        double[] ys = trials.stream().filter(which).filter(t -> Double.isFinite(t.score()))
                .mapToDouble(TrialRecord::score).toArray();
        if (xs.length > 0) {
            XYSeries s = c.addSeries(name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }
    }

    private static XYChart orNote(XYChart c) {
        if (c.getSeriesMap().isEmpty()) {
            c.setTitle(c.getTitle() + " (no finished trial yet)");
            XYSeries s = c.addSeries(" ", new double[] {1}, new double[] {0});
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** A trial's position on the horizontal axis. */
    @FunctionalInterface
    private interface ToX {
        double of(TrialRecord t);
    }
}
