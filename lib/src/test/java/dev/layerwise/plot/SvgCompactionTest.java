package dev.layerwise.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;

/** A chart's SVG draws each series as one polyline with coordinates to 0.01 px, so long runs stay small. */
@Tag("unit")
class SvgCompactionTest {
    private static final int POINTS = 1_000;

    private static Chart longRun() {
        XYChart panel = Panels.xy("loss", "step", "loss", Panels.WIDTH, Panels.HEIGHT);
        panel.getStyler().setYAxisLogarithmic(true);   // the densest grid: lines at 1-9 of every decade
        double[] x = new double[POINTS], a = new double[POINTS], b = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = i;
            a[i] = 2.3 * Math.exp(-i / 200.0) + 0.01 + 0.005 * Math.sin(i * 0.37);
            b[i] = 1.9 * Math.exp(-i / 100.0) + 0.002 + 0.001 * Math.cos(i * 0.11);
        }
        Panels.line(panel, "train", x, a);
        Panels.line(panel, "test", x, b);
        return Chart.of("two series of 1,000 points", panel);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLongSeriesIsOnePolylineThroughEveryPointAndTheDocumentStaysSmall() throws Exception {
        String svg = longRun().svg();
        Document doc = parse(svg);
        NodeList polylines = doc.getElementsByTagName("polyline");
        int longest = 0;
        for (int i = 0; i < polylines.getLength(); i++) {
            longest = Math.max(longest, ((Element) polylines.item(i)).getAttribute("points").split(" ").length);
        }
        assertEquals(POINTS, longest, "one series drawn as one polyline through all its points");
        assertTrue(doc.getElementsByTagName("line").getLength() < 200,
                "segments joined, grid and tick lines may stay: " + doc.getElementsByTagName("line").getLength());
        // 2,000 points at ~14 bytes each, ~50 KB of glyph outlines, axes and grid: 87 KB here. One <line> per
        // segment took ~230 bytes each (over 450 KB), and a dashed grid line a rectangle per dash (~4 KB a line)
        assertTrue(svg.length() < 110_000, "SVG of 2,000 points in " + svg.length() + " bytes");
    }

    @Test
    void joinsOnlySegmentsThatContinueOneAnotherWithTheSameStyle() {
        String red = "style=\"stroke:rgb(255,0,0);\" ";
        String blue = "style=\"stroke:rgb(0,0,255);\" ";
        String in = "<g>"
                + "<line " + red + "x1=\"0\" x2=\"1\" y1=\"5\" y2=\"6\"/>\n  "
                + "<line " + red + "x1=\"1\" x2=\"2\" y1=\"6\" y2=\"4\"/>"
                + "<line " + red + "x1=\"2\" x2=\"3\" y1=\"4\" y2=\"4\"/>"
                + "<line " + blue + "x1=\"3\" x2=\"4\" y1=\"4\" y2=\"1\"/>"
                + "<line " + blue + "x1=\"9\" x2=\"8\" y1=\"9\" y2=\"8\"/>"
                + "<path d=\"M0,0\"/>"
                + "<line " + blue + "x1=\"8\" x2=\"7\" y1=\"8\" y2=\"7\"/></g>";
        String out = SvgCompaction.joinLines(in);
        assertEquals("<g><polyline " + red + "points=\"0,5 1,6 2,4 3,4\"/>"
                + "<line " + blue + "x1=\"3\" x2=\"4\" y1=\"4\" y2=\"1\"/>"
                + "<line " + blue + "x1=\"9\" x2=\"8\" y1=\"9\" y2=\"8\"/>"
                + "<path d=\"M0,0\"/>"
                + "<line " + blue + "x1=\"8\" x2=\"7\" y1=\"8\" y2=\"7\"/></g>", out,
                "a colour change, a gap and an element between them each end a run");
    }

    @Test
    void roundsAttributeNumbersToHundredthsAndLeavesTextAlone() {
        String in = "<path d=\"M-9.125,-1.015625 L53.033203125,7 Q0.0001,12.5 1.23456E-5,3\"/>"
                + "<rect width=\"170.732421875\" fill=\"#1f77b4\" id=\"clip792279184\"/><text>0.0001</text>";
        assertEquals("<path d=\"M-9.13,-1.02 L53.03,7 Q0,12.5 1.23E-5,3\"/>"
                + "<rect width=\"170.73\" fill=\"#1f77b4\" id=\"clip792279184\"/><text>0.0001</text>",
                SvgCompaction.roundNumbers(in));
    }
}
