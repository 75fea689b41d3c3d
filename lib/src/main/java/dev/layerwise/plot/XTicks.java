package dev.layerwise.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The x-axis ticks and labels of an XY panel, at {@link NiceTicks nice} steps chosen from the axis's length and
 * the labels' drawn widths, so they never run into each other. XChart's own choice puts ticks every k-th data
 * point when the x values are evenly spaced (steps are), at steps like 72 whose labels can overlap; its x labels
 * are kept for the space they take and drawn transparent, and these are drawn over them, with the vertical grid
 * lines at the same places.
 */
public final class XTicks extends Annotation {
    private static final Color CLEAR = new Color(0, 0, 0, 0);
    private static final Map<XYChart, XTicks> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile List<Label> drawn = List.of();

    /**
     * A label as drawn: its text and the box its glyphs cover, in the panel's pixels.
     *
     * @param text the label
     * @param box where its ink is
     */
    public record Label(String text, Rectangle2D box) {}

    private XTicks() {
        super(false);
    }

    /**
     * Gives a panel these ticks in place of XChart's (once; again does nothing).
     *
     * @param c the panel
     * @return the ticks, which report what they drew
     */
    public static XTicks install(XYChart c) {
        synchronized (INSTALLED) {
            XTicks ticks = INSTALLED.get(c);
            if (ticks == null) {
                ticks = new XTicks();
                AxesChartStyler s = c.getStyler();
                s.setXAxisTickLabelsColor(CLEAR);
                s.setXAxisTickMarksColor(CLEAR);
                s.setPlotGridVerticalLinesVisible(false);
                c.addAnnotation(ticks);
                INSTALLED.put(c, ticks);
            }
            return ticks;
        }
    }

    /**
     * The labels a panel's x axis showed when it was last drawn.
     *
     * @param c a panel made by {@link Panels#xy}
     * @return the labels, left to right; empty before the first drawing or for a panel without these ticks
     */
    public static List<Label> drawnOn(XYChart c) {
        XTicks ticks = INSTALLED.get(c);
        return ticks == null ? List.of() : ticks.drawn;
    }

    @Override
    public void paint(Graphics2D g) {
        AxesChartStyler s = (AxesChartStyler) styler;
        if (!isVisible || !s.isXAxisTicksVisible() || s.isXAxisLogarithmic() || chart.getSeriesMap().isEmpty()) {
            drawn = List.of();
            return;
        }
        int left = getXAxisScreenValueForMin();
        int right = getXAxisScreenValueForMax();
        int top = getYAxisScreenValueForMin();
        int bottom = getYAxisScreenValueForMax();
        double from = chart.getChartXFromCoordinate(left);
        double to = chart.getChartXFromCoordinate(right);
        Font font = s.getAxisTickLabelsFont();
        FontRenderContext frc = g.getFontRenderContext();
        List<NiceTicks.Tick> ticks = NiceTicks.of(from, to, right - left,
                text -> outline(text, font, frc).getBounds2D().getWidth(), font.getSize2D(), counts());
        double labelTop = bottom + s.getAxisTickMarkLength() + s.getAxisTickPadding();
        List<Label> labels = new ArrayList<>();
        Color ink = s.getAxisTickLabelsColor();
        for (NiceTicks.Tick t : ticks) {
            // one x value: XChart draws it mid-plot (and reports that place without the plot's offset)
            double x = from == to ? (left + right) / 2.0 : chart.getScreenXFromChart(t.value());
            Shape glyphs = outline(t.label(), font, frc);
            Rectangle2D b = glyphs.getBounds2D();
            double x0 = x - b.getWidth() / 2;
            if (x < left || x > right || x0 < 0 || x0 + b.getWidth() > chart.getWidth()) {
                continue;
            }
            if (s.isPlotGridHorizontalLinesVisible()) {
                // the vertical grid XChart would draw at its own ticks, at these (over the lines, light and thin)
                g.setColor(s.getPlotGridLinesColor());
                g.fill(s.getPlotGridLinesStroke().createStrokedShape(new Line2D.Double(x, top, x, bottom)));
            }
            g.setColor(s.getAxisTickMarksColor());
            g.setStroke(s.getAxisTickMarksStroke());
            g.draw(new Line2D.Double(x, bottom, x, bottom + s.getAxisTickMarkLength()));
            AffineTransform at = AffineTransform.getTranslateInstance(x0 - b.getX(), labelTop - b.getY());
            g.setColor(ink);
            g.fill(at.createTransformedShape(glyphs));
            labels.add(new Label(t.label(), new Rectangle2D.Double(x0, labelTop, b.getWidth(), b.getHeight())));
        }
        drawn = List.copyOf(labels);
    }

    /** @return true when every x value is a whole number: the axis counts (steps), so no tick falls between */
    private boolean counts() {
        for (Object series : chart.getSeriesMap().values()) {
            for (double x : ((XYSeries) series).getXData()) {
                if (x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Shape outline(String text, Font font, FontRenderContext frc) {
        return new TextLayout(text, font, frc).getOutline(null);
    }
}
