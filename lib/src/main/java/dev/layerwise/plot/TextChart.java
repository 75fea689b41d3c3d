package dev.layerwise.plot;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart drawn with characters, for terminals and plain JShell: each series is resampled
 * to the chart's width and drawn with its own mark.
 */
public final class TextChart implements Displayable {
    private static final char[] MARKS = {'*', 'o', '+', 'x', '#', '@', '%', '&'};
    private final String title;
    private final String xLabel;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private final int width;
    private final int height;

    /**
     * An empty chart.
     *
     * @param title the chart's title
     * @param xLabel what the horizontal axis counts
     * @param width columns of the plotting area
     * @param height rows of the plotting area
     */
    public TextChart(String title, String xLabel, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.width = Math.max(10, width);
        this.height = Math.max(3, height);
    }

    /**
     * Adds a series; NaN values are skipped.
     *
     * @param name its legend name
     * @param values its values, one per x position
     * @return this chart
     */
    public TextChart add(String name, double[] values) {
        series.put(name, values.clone());
        return this;
    }

    @Override
    public String toString() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int length = 0;
        for (double[] v : series.values()) {
            length = Math.max(length, v.length);
            for (double d : v) {
                if (Double.isFinite(d)) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
        }
        if (length == 0 || min > max) {
            return title + "\n(no data)";
        }
        if (max == min) {
            max = min + 1;
        }
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        List<String> legend = new ArrayList<>();
        int s = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            char mark = MARKS[s++ % MARKS.length];
            legend.add(mark + " " + e.getKey());
            double[] v = e.getValue();
            for (int col = 0; col < width; col++) {
                int from = (int) ((long) col * v.length / width);
                int to = Math.max(from + 1, (int) ((long) (col + 1) * v.length / width));
                double sum = 0;
                int n = 0;
                for (int i = from; i < to && i < v.length; i++) {
                    if (Double.isFinite(v[i])) {
                        sum += v[i];
                        n++;
                    }
                }
                if (n > 0) {
                    int row = (int) Math.round((max - sum / n) / (max - min) * (height - 1));
                    grid[row][col] = mark;
                }
            }
        }
        String top = fmt(max);
        String bottom = fmt(min);
        int pad = Math.max(top.length(), bottom.length());
        StringBuilder sb = new StringBuilder(title).append('\n');
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? top : r == height - 1 ? bottom : "";
            sb.append(" ".repeat(pad - label.length())).append(label).append(" │").append(grid[r]).append('\n');
        }
        sb.append(" ".repeat(pad)).append(" └").append("─".repeat(width)).append('\n');
        sb.append(" ".repeat(pad + 2)).append(xLabel).append(" 1…").append(length).append('\n');
        sb.append(" ".repeat(pad + 2)).append(String.join("   ", legend));
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String text = toString();
        return MimeBundle.text(text).withHtml("<pre>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</pre>");
    }
}
