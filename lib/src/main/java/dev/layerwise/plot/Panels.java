package dev.layerwise.plot;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;

/**
 * The plotting toolkit's building blocks: styled XY panels, series that skip unplottable points,
 * smoothing, event markers. Chart recipes beside the data they draw (gradient statistics,
 * histories, searches) compose these into a {@link Chart}; this package knows nothing of training.
 */
public final class Panels {
    /** A single panel's width in pixels. */
    public static final int WIDTH = 640;
    /** A single panel's height in pixels. */
    public static final int HEIGHT = 400;
    /** How much of the running average each smoothed point keeps (an exponential moving average). */
    public static final double SMOOTHING = 0.95;
    /** More points than this are thinned to every k-th: the picture is the same, the SVG far smaller. */
    public static final int MAX_POINTS = 1500;
    private static final Color MARKER = new Color(0x99, 0x33, 0x33);
    private static final int MARKER_CHARS = 30;

    static {
        Headless.ensure();
    }

    private Panels() {}

    /**
     * An empty line chart with title, axis labels and the legend outside, on the right; its x axis has
     * {@link XTicks} at nice steps whose labels never overlap.
     */
    public static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        c.getStyler().setMarkerSize(4);
        // solid grid lines: XChart fills the outline of a dashed line, which the SVG writes as one small
        // rectangle per dash (tens of kilobytes per grid line on a log axis)
        c.getStyler().setPlotGridLinesStroke(new BasicStroke(0.75f));
        XTicks.install(c);
        return c;
    }

    /**
     * Adds a line; points with non-finite values (and, on a log axis, values ≤ 0) are dropped, and
     * a series with no points left is not added.
     *
     * @return the series, or null when nothing was plottable
     */
    public static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        boolean log = c.getStyler().isYAxisLogarithmic();
        int n = Math.min(x.length, y.length);
        double[] px = new double[n];
        double[] py = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                px[k] = x[i];
                py[k++] = y[i];
            }
        }
        if (k == 0 || c.getSeriesMap().containsKey(name)) {
            return null;
        }
        int stride = (k + MAX_POINTS - 1) / MAX_POINTS;
        if (stride > 1) {
            int m = 0;
            for (int i = 0; i < k; i += stride) {
                px[m] = px[i];
                py[m++] = py[i];
            }
            if (px[m - 1] != px[k - 1]) {
                px[m] = px[k - 1];
                py[m++] = py[k - 1];
            }
            k = m;
        }
        XYSeries s = c.addSeries(name, Arrays.copyOf(px, k), Arrays.copyOf(py, k));
        s.setMarker(k == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    /** A line with a marker on every point, for per-epoch figures. */
    public static XYSeries points(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = line(c, name, x, y);
        if (s != null) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return s;
    }

    /**
     * Draws each marker as a vertical line with its label near the top of the plotted values; labels longer than
     * 30 characters are cut with an ellipsis.
     */
    public static void markers(XYChart c, List<Marker> markers) {
        if (markers == null || markers.isEmpty() || c.getSeriesMap().isEmpty()) {
            return;
        }
        double top = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            top = Math.max(top, s.getYMax());
        }
        for (Marker m : markers) {
            AnnotationLine line = new AnnotationLine(m.step(), true, false);
            c.addAnnotation(line);
            c.addAnnotation(new AnnotationText(shortened(m.label()), m.step(), top, false));
        }
        c.getStyler().setAnnotationLineColor(MARKER);
        c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {4f, 3f}, 0f));
        c.getStyler().setAnnotationTextFontColor(MARKER);
    }

    /** A marker's label, cut to fit over a panel at notebook width (the whole text stays in the history). */
    private static String shortened(String label) {
        return label.length() <= MARKER_CHARS ? label : label.substring(0, MARKER_CHARS - 1) + "…";
    }

    /** Steps as doubles, for a chart axis. */
    public static double[] doubles(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** An exponential moving average, bias-corrected ({@link Smoothing#ema}): the usual way to read a noisy loss. */
    public static double[] smooth(double[] v, double keep) {
        return Smoothing.ema(keep).apply(v, false);
    }

    /**
     * One named series of a panel.
     *
     * @param name its legend name
     * @param x its x values
     * @param y its y values
     */
    public record Series(String name, double[] x, double[] y) {}

    /**
     * Noisy series drawn for reading: each raw series faint and out of the legend, then each smoothed one on top
     * in the same colour, named {@code "name (EMA)"}. With {@link Smoothing#none()} the raw series alone, by name.
     *
     * @param c the panel; on a log y axis the smoothing averages logarithms
     * @param series the raw series, in legend order
     * @param smoothing how to smooth them
     */
    public static void smoothedLines(XYChart c, List<Series> series, Smoothing smoothing) {
        Color[] colours = c.getStyler().getSeriesColors();
        boolean log = c.getStyler().isYAxisLogarithmic();
        if (smoothing.isNone()) {
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                XYSeries raw = line(c, s.name(), s.x(), s.y());
                if (raw != null) {
                    raw.setLineColor(colours[i % colours.length]);
                }
            }
            return;
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            XYSeries raw = line(c, s.name() + " (raw)", s.x(), s.y());
            if (raw != null) {
                Color colour = colours[i % colours.length];
                raw.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70));
                raw.setLineWidth(1f);
                raw.setShowInLegend(false);
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            XYSeries smooth = line(c, s.name() + " (EMA)", s.x(), smoothing.apply(s.y(), log));
            if (smooth != null) {
                smooth.setLineColor(colours[i % colours.length]);
            }
        }
    }

    /** Says so on the panel when it has nothing to draw, instead of an empty frame. */
    public static XYChart orEmptyNote(XYChart c, String what) {
        if (c.getSeriesMap().isEmpty()) {
            c.setTitle(c.getTitle() + " (nothing recorded: " + what + ")");
            c.addSeries(" ", new double[] {0}, new double[] {c.getStyler().isYAxisLogarithmic() ? 1 : 0})
                    .setMarker(SeriesMarkers.NONE);
            c.getStyler().setLegendVisible(false);
        }
        return c;
    }
}
