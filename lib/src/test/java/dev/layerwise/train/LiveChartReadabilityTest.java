package dev.layerwise.train;

import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.Smoothing;
import dev.layerwise.plot.XTicks;
import dev.layerwise.stats.GradientLog;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live chart reads well at notebook width after any number of steps: its x-axis labels never overlap and
 * sit at 1-2-5 steps, both panels fit side by side in {@link Chart#MAX_WIDTH}, and the noisy per-layer lines are
 * smoothed with the raw values kept. The label boxes are the glyph outlines the chart fills, read back from the
 * drawing of the PNG and of the SVG.
 */
@Tag("unit")
class LiveChartReadabilityTest {
    private static final List<String> LAYERS = List.of("dense_1", "dense_2", "dense_3", "dense_4");

    /** A run of n steps: a falling, noisy loss, and four layers' gradient norms a decade apart, every step. */
    private static Chart liveChart(int n, Smoothing smoothing) {
        Random random = new Random(n);
        History history = new History();
        GradientLog log = new GradientLog();
        for (long s = 1; s <= n; s++) {
            history.add(new StepRecord(s, 1, 2.3 * Math.exp(-3.0 * s / n) + 0.3 * random.nextGaussian(), Double.NaN, 10,
                    1, 0.1, Double.NaN));
            for (int l = 0; l < LAYERS.size(); l++) {
                log.add(new GradientLog.Row(s, 1, LAYERS.get(l), "weight", GradientLog.NORM,
                        Math.pow(10, l - 2) * Math.exp(0.8 * random.nextGaussian())));
            }
        }
        return HistoryCharts.lossAndGradients(history, log, List.of(new Marker(n / 2 + 1, "sgd → rmsprop")), smoothing);
    }

    private static void assertReadable(Chart chart, int n, String drawnAs) {
        List<List<XTicks.Label>> panels = chart.xTickLabels();
        assertEquals(2, panels.size());
        for (int p = 0; p < panels.size(); p++) {
            List<XTicks.Label> labels = panels.get(p);
            String where = n + " steps, panel " + (p + 1) + ", " + drawnAs + ": " + labels;
            assertTrue(labels.size() >= Math.min(n, 3), "at least three labels (or one a step): " + where);
            double cellLeft = p * chart.width() / 2.0;
            for (int i = 0; i < labels.size(); i++) {
                Rectangle2D box = labels.get(i).box();
                assertTrue(box.getWidth() > 0 && box.getHeight() > 0, "a label has ink: " + where);
                assertTrue(box.getMinX() >= cellLeft && box.getMaxX() <= cellLeft + chart.width() / 2.0
                        && box.getMaxY() <= chart.height(), "the label stays inside its panel: " + where);
                if (i > 0) {
                    Rectangle2D before = labels.get(i - 1).box();
                    assertTrue(box.getMinX() - before.getMaxX() >= 8, "labels " + labels.get(i - 1).text() + " and "
                            + labels.get(i).text() + " are at least 8 px apart: " + where);
                }
            }
            double[] values = labels.stream().mapToDouble(l -> value(l.text())).toArray();
            double step = values.length > 1 ? values[1] - values[0] : 1;
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                    "a 1-2-5 step, not " + step + ": " + where);
            for (int i = 1; i < values.length; i++) {
                assertEquals(step, values[i] - values[i - 1], 1e-9 * step, "evenly spaced: " + where);
            }
            assertTrue(values[values.length - 1] <= n && values[values.length - 1] + step > n * 0.9,
                    "the labels span the steps: " + where);
        }
    }

    private static double value(String label) {
        String t = label.replace('−', '-');
        double unit = t.endsWith("k") ? 1e3 : t.endsWith("M") ? 1e6 : 1;
        return Double.parseDouble(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    @Test
    void tickLabelsNeverOverlapAfterAnyNumberOfSteps() {
        for (int n : new int[] {1, 2, 10, 73, 1000, 12_345, 123_457}) {
            Chart chart = liveChart(n, Smoothing.DEFAULT);
            chart.png();
            assertReadable(chart, n, "PNG");
            chart.svg();
            assertReadable(chart, n, "SVG");
        }
    }

    @Test
    void tickLabelsAtAThousandStepsAreRoundHundreds() {
        Chart chart = liveChart(1000, Smoothing.DEFAULT);
        chart.png();
        List<String> labels = chart.xTickLabels().get(0).stream().map(XTicks.Label::text).toList();
        assertEquals(List.of("0", "200", "400", "600", "800", "1000"), labels, "not 1 73 145 217 …");
    }

    @Test
    void bothPanelsFitSideBySideInTheOutputWidth() {
        Chart live = liveChart(100, Smoothing.DEFAULT);
        assertEquals(2, live.columns());
        assertTrue(live.width() <= Chart.MAX_WIDTH, live.width() + " px");
        Chart history = new History().plot();
        assertEquals(2, history.columns());
        assertTrue(history.width() <= Chart.MAX_WIDTH, history.width() + " px");
        assertTrue(live.svg().startsWith("<svg style=\"max-width:100%;height:auto\""), "the SVG scales down, never up");
        Chart stacked = live.fitWidth(600);
        assertEquals(1, stacked.columns());
        assertEquals(live.width() / 2, stacked.width());
        assertEquals(live.height() * 2, stacked.height());
    }

    @Test
    void perLayerLinesAreSmoothedAndTheRawValuesStayBehindThemAndInTheData() {
        Chart chart = liveChart(300, Smoothing.DEFAULT);
        assertEquals(List.of("loss (EMA)", "dense_1 (EMA)", "dense_2 (EMA)", "dense_3 (EMA)", "dense_4 (EMA)"),
                chart.seriesNames(), "the legend says which smoothing");
        assertTrue(chart.panels().get(1).getTitle().contains("EMA 0.95"), chart.panels().get(1).getTitle());
        XYChart grads = (XYChart) chart.panels().get(1);
        XYSeries raw = grads.getSeriesMap().get("dense_1 (raw)");
        XYSeries smooth = grads.getSeriesMap().get("dense_1 (EMA)");
        assertTrue(!raw.isShowInLegend() && raw.getLineColor().getAlpha() < 255, "raw lines are faint, out of the legend");
        assertEquals(smooth.getLineColor().getRGB() & 0xFFFFFF, raw.getLineColor().getRGB() & 0xFFFFFF, "same colour");
        assertTrue(spread(smooth.getYData()) < spread(raw.getYData()) / 3, "the smoothed line is far less noisy");
        Chart plain = liveChart(300, Smoothing.none());
        assertEquals(List.of("loss", "dense_1", "dense_2", "dense_3", "dense_4"), plain.seriesNames());
        assertArrayEquals(raw.getYData(), ((XYChart) plain.panels().get(1)).getSeriesMap().get("dense_1").getYData());
    }

    /** The mean absolute change from one point to the next, in decades. */
    private static double spread(double[] y) {
        return java.util.stream.IntStream.range(1, y.length).mapToDouble(i -> Math.abs(Math.log10(y[i] / y[i - 1])))
                .average().orElse(0);
    }

    @Test
    void theLiveChartCallbackSmoothsByDefaultAndDrawsRawWhenAsked() {
        assertEquals(Smoothing.DEFAULT, new LiveChart().smoothing());
        assertEquals(Smoothing.none(), new LiveChart().smoothing(Smoothing.none()).smoothing());
    }
}
