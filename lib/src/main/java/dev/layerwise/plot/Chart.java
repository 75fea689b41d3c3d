package dev.layerwise.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import dev.layerwise.files.AtomicFiles;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.interrupt.Interrupts;

import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;

/**
 * A finished chart: one XChart panel, or several laid out in a grid (small multiples). It shows
 * itself in a notebook as PNG and SVG, and {@link #save(Path)} writes either. Make one with
 * {@link Charts}; reach the underlying XChart objects with {@link #panels()} to restyle them.
 *
 * <p>Panels wrap onto more rows rather than make the picture wider than {@link #MAX_WIDTH}, so side-by-side
 * panels fit a notebook's output area instead of hiding behind a scroll bar; {@link #fitWidth(int)} lays
 * them out for another width. The SVG also scales down to a narrower output area.
 */
public final class Chart implements Displayable {
    /**
     * The widest a chart is laid out by default, in pixels: Jupyter Notebook's output area is about 1000
     * pixels wide in a window of 1200 or more, JupyterLab's and VS Code's wider.
     */
    public static final int MAX_WIDTH = 960;
    private final String description;
    private final List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels;
    private final int columns;
    private final TextChart textForm;

    static {
        Headless.ensure();
    }

    /**
     * A chart of panels laid out row by row.
     *
     * @param description a one-line description, the text form of the chart
     * @param panels the XChart charts, each drawn at its own width and height
     * @param columns panels per row at most, at least 1; fewer when that many would be wider than
     *     {@link #MAX_WIDTH}
     */
    public Chart(String description, List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels,
            int columns) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("A chart needs at least one panel; '" + description + "' has none.");
        }
        this.description = description;
        this.panels = Collections.unmodifiableList(new ArrayList<>(panels));
        this.columns = fitting(Math.max(1, Math.min(columns, panels.size())), cellWidth(), MAX_WIDTH);
        this.textForm = null;
    }

    private Chart(Chart chart, TextChart textForm, int columns) {
        this.description = chart.description;
        this.panels = chart.panels;
        this.columns = columns;
        this.textForm = textForm;
    }

    /** The most columns, up to wanted, whose total width fits; one when even one panel is wider. */
    private static int fitting(int wanted, int cellWidth, int maxWidth) {
        return Math.max(1, Math.min(wanted, maxWidth / Math.max(1, cellWidth)));
    }

    /**
     * This chart laid out for another width: as many panels per row as fit in it (one at least), e.g.
     * {@code fitWidth(1400)} for a wide screen, {@code fitWidth(0)} for one panel per row.
     *
     * @param pixels the width the picture may take
     * @return the chart with its panels rearranged; the panels themselves are shared
     */
    public Chart fitWidth(int pixels) {
        return new Chart(this, textForm, fitting(panels.size(), cellWidth(), pixels));
    }

    /** @return how many panels each row holds */
    public int columns() {
        return columns;
    }

    /**
     * This chart with a character-drawn version for terminals and plain JShell, shown by
     * {@code toString()} and as the bundle's {@code text/plain}.
     *
     * @param text the text chart
     * @return the chart with a text form
     */
    public Chart withTextForm(TextChart text) {
        return new Chart(this, text, columns);
    }

    /**
     * A chart of one XChart panel.
     *
     * @param description a one-line description
     * @param panel the XChart chart
     * @return the chart
     */
    public static Chart of(String description, org.knowm.xchart.internal.chartpart.Chart<?, ?> panel) {
        return new Chart(description, List.of(panel), 1);
    }

    /** @return the XChart panels, in layout order */
    public List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels() {
        return panels;
    }

    /**
     * @return the names of every panel's series in the legend, without repeats (not the faint raw lines behind
     *     smoothed ones)
     */
    public List<String> seriesNames() {
        Set<String> names = new LinkedHashSet<>();
        panels.forEach(p -> p.getSeriesMap().forEach((name, series) -> {
            if (series.isShowInLegend()) {
                names.add(name);
            }
        }));
        return new ArrayList<>(names);
    }

    /**
     * The x-axis tick labels as last drawn ({@link #png()}, {@link #svg()}), with the boxes their glyphs cover in
     * the whole picture's pixels: what a reader sees under each panel.
     *
     * @return one list per panel, in layout order; empty for panels without {@link XTicks}
     */
    public List<List<XTicks.Label>> xTickLabels() {
        List<List<XTicks.Label>> out = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            double dx = i % columns * cellWidth();
            double dy = i / columns * cellHeight();
            List<XTicks.Label> moved = new ArrayList<>();
            if (panels.get(i) instanceof XYChart xy) {
                for (XTicks.Label l : XTicks.drawnOn(xy)) {
                    moved.add(new XTicks.Label(l.text(), new Rectangle2D.Double(l.box().getX() + dx,
                            l.box().getY() + dy, l.box().getWidth(), l.box().getHeight())));
                }
            }
            out.add(moved);
        }
        return out;
    }

    /** @return the one-line description */
    public String description() {
        return description;
    }

    private int cellWidth() {
        return panels.stream().mapToInt(org.knowm.xchart.internal.chartpart.Chart::getWidth).max().orElse(600);
    }

    private int cellHeight() {
        return panels.stream().mapToInt(org.knowm.xchart.internal.chartpart.Chart::getHeight).max().orElse(400);
    }

    /** @return the whole image's width in pixels */
    public int width() {
        return columns * cellWidth();
    }

    /** @return the whole image's height in pixels */
    public int height() {
        return (panels.size() + columns - 1) / columns * cellHeight();
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        for (int i = 0; i < panels.size(); i++) {
            stopIfInterrupted();
            Graphics2D cell = (Graphics2D) g.create();
            cell.translate(i % columns * cellWidth(), i / columns * cellHeight());
            org.knowm.xchart.internal.chartpart.Chart<?, ?> p = panels.get(i);
            p.paint(cell, p.getWidth(), p.getHeight());
            cell.dispose();
        }
    }

    /**
     * Ends a drawing loop that was interrupted (the notebook's Stop) between panels and before
     * encoding, so it stops
     * at once instead of being stopped by force in the middle of Java2D. Not inside a training
     * loop, which handles the stop itself and still draws its last frame.
     */
    private void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted() && Interrupts.activeLoops() == 0) {
            throw new CancellationException("drawing the chart '" + description + "' was stopped: the thread was"
                    + " interrupted");
        }
    }

    /** @return the chart as a PNG image */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        stopIfInterrupted();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart '" + description + "' as PNG", e);
        }
        return out.toByteArray();
    }

    /** @return the chart as an SVG document */
    public String svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        stopIfInterrupted();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart '" + description + "' as SVG", e);
        }
        // No XML declaration or DOCTYPE: notebook front ends and nbconvert embed the SVG inline in HTML.
        String svg = out.toString(StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        svg = start > 0 ? svg.substring(start) : svg;
        // shown at its own size, and scaled down (never up) where the output area is narrower; a series is one
        // polyline, not a line element per segment, so a long run's chart stays small enough to commit
        return SvgCompaction.compact(svg.replaceFirst("<svg ", "<svg style=\"max-width:100%;height:auto\" "));
    }

    /**
     * Writes the chart to a file, as PNG or SVG by the file's extension.
     *
     * @param file e.g. {@code Path.of("gradients.png")} or {@code "gradients.svg"}
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path save(Path file) throws IOException {
        if (file == null || file.getFileName() == null) {
            throw new IllegalArgumentException("save(" + file + "): expected a file path ending in .png or .svg,"
                    + " e.g. Path.of(\"gradients.png\").");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // the target is checked before drawing, and a drawing failure leaves the target untouched
        if (name.endsWith(".png")) {
            return AtomicFiles.write("Chart.save", file, out -> out.write(png()));
        }
        if (name.endsWith(".svg")) {
            return AtomicFiles.write("Chart.save", file, out -> out.write(svg().getBytes(StandardCharsets.UTF_8)));
        }
        throw new IllegalArgumentException("save(" + file + "): cannot tell the format from the name; end it with"
                + " .png or .svg.");
    }

    /** @return a bundle with only the text and PNG forms: cheaper, for frames of a live chart */
    public MimeBundle toPngBundle() {
        return MimeBundle.text(toString()).withPng(png());
    }

    @Override
    public MimeBundle toMimeBundle() {
        return toPngBundle().withSvg(svg());
    }

    @Override
    public String toString() {
        String line = "Chart: " + description + " · " + String.join(", ", seriesNames());
        return textForm == null ? line : textForm + "\n" + line + " (PNG/SVG in a notebook; save(path) writes them)";
    }
}
