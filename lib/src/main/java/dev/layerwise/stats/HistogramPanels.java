package dev.layerwise.stats;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Panels;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Small multiples of histograms: one panel per layer, a few recorded steps per panel. */
final class HistogramPanels {
    private static final int SNAPSHOTS = 4;

    private HistogramPanels() {}

    static Chart chart(GradientLog log, String kind, String parameter) {
        Map<String, List<Histogram>> byLayer = new LinkedHashMap<>();
        for (Histogram h : log.histograms()) {
            if (h.kind().equals(kind) && h.parameter().equals(parameter)) {
                byLayer.computeIfAbsent(h.layer(), k -> new ArrayList<>()).add(h);
            }
        }
        String what = kind.equals(Histogram.GRADIENT) ? "gradients" : "values";
        String title = "Histograms of " + parameter + " " + what + " per layer";
        if (byLayer.isEmpty()) {
            XYChart c = Panels.xy(title, what, "count", Panels.WIDTH, Panels.HEIGHT);
            return Chart.of(title, Panels.orEmptyNote(c, "watch with Gradients.perLayer().histograms(40)"));
        }
        List<Long> steps = chosenSteps(byLayer);
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Histogram>> e : byLayer.entrySet()) {
            XYChart c = Panels.xy(e.getKey(), parameter + " " + what, "fraction", 400, 280);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            for (Histogram h : e.getValue()) {
                int i = steps.indexOf(h.step());
                if (i < 0) {
                    continue;
                }
                XYSeries s = Panels.line(c, "step " + h.step(), h.centres(), fractions(h));
                if (s != null) {
                    float shade = steps.size() == 1 ? 0.2f : 0.75f - 0.6f * i / (steps.size() - 1);
                    s.setLineColor(new Color(shade, shade, 1f - 0.3f * shade));
                }
            }
            panels.add(c);
        }
        return new Chart(title + ", steps " + steps, panels, Math.min(3, panels.size()));
    }

    /** Up to a few steps spread evenly over what was recorded, first and last included. */
    private static List<Long> chosenSteps(Map<String, List<Histogram>> byLayer) {
        TreeSet<Long> all = new TreeSet<>();
        byLayer.values().forEach(l -> l.forEach(h -> all.add(h.step())));
        List<Long> sorted = new ArrayList<>(all);
        if (sorted.size() <= SNAPSHOTS) {
            return sorted;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS; i++) {
            long s = sorted.get((int) Math.round(i * (sorted.size() - 1) / (double) (SNAPSHOTS - 1)));
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static double[] fractions(Histogram h) {
        long[] counts = h.counts();
        double total = Math.max(1, h.total());
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = counts[i] / total;
        }
        return f;
    }
}
