package dev.layerwise.stats;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Several runs' gradient logs side by side: per layer and parameter, the mean gradient norm in each
 * run, and a chart with the runs overlaid. Made by {@link GradientLog#compare(String, GradientLog,
 * String, GradientLog)}.
 */
public final class LogComparison implements Displayable {
    private final Map<String, GradientLog> runs;

    /**
     * A comparison of named runs.
     *
     * @param runs the logs by run name, in display order
     */
    public LogComparison(Map<String, GradientLog> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("LogComparison: expected at least one run, got none.");
        }
        this.runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
    }

    /** @return the logs by run name */
    public Map<String, GradientLog> runs() {
        return runs;
    }

    /**
     * The mean of one metric over a run's recorded steps.
     *
     * @param run the run's name
     * @param layer the layer
     * @param parameter e.g. {@code bias}
     * @param metric e.g. {@link GradientLog#NORM}
     * @return the mean, NaN when the run did not record it
     */
    public double mean(String run, String layer, String parameter, String metric) {
        GradientLog log = runs.get(run);
        if (log == null) {
            throw new IllegalArgumentException("No run '" + run + "'; runs: " + runs.keySet() + ".");
        }
        double[] v = log.series(layer, parameter, metric);
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    /** @return a chart of every run's weight-gradient norms, one series per run and layer */
    public Chart plot() {
        return GradientCharts.compare(runs, "weight", GradientLog.NORM);
    }

    @Override
    public String toString() {
        Set<String> layers = new LinkedHashSet<>();
        runs.values().forEach(l -> layers.addAll(l.layers("weight", GradientLog.NORM)));
        List<String> names = new ArrayList<>(runs.keySet());
        StringBuilder sb = new StringBuilder("Mean gradient L2 norm per layer\n");
        sb.append(String.format(Locale.ROOT, "%-12s %-7s", "layer", "param"));
        names.forEach(n -> sb.append(String.format(Locale.ROOT, " %12s", abbreviate(n))));
        sb.append('\n');
        for (String layer : layers) {
            for (String param : List.of("weight", "bias")) {
                sb.append(String.format(Locale.ROOT, "%-12s %-7s", layer, param));
                for (String n : names) {
                    sb.append(String.format(Locale.ROOT, " %12.4g", mean(n, layer, param, GradientLog.NORM)));
                }
                sb.append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 11) + "…";
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString()).withPng(plot().png());
    }
}
