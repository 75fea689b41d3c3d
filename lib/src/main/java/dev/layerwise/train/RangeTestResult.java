package dev.layerwise.train;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.optim.Schedule;
import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Panels;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What a learning-rate range test found: the loss at each tested rate, its smoothed curve, and two
 * readings of it, as fastai gives them: the rate where the smoothed loss falls fastest against the
 * log of the rate ("steepest descent"), and the rate of its minimum divided by 10 ("minimum ÷ 10",
 * fastai's {@code lr_min}). The suggestion is the second: the minimum sits just before divergence
 * and a tenth of it is a rate that still learns fast; the steepest point, read off a noisy
 * derivative, wanders more from run to run. Both are read, as fastai does, without the first tenth
 * of the steps and the last five, where the curve is still settling or already diverging.
 * Shows itself as a chart of loss against rate on a log axis with the suggestion marked.
 */
public final class RangeTestResult implements Displayable {
    /** The rule behind {@link #suggestion()}, in words. */
    public static final String RULE = "minimum ÷ 10: a tenth of the rate at the minimum of the smoothed loss";
    private static final Color RAW = new Color(0xBB, 0xCC, 0xEE);
    private final RangeTest test;
    private final double[] rates;
    private final double[] losses;
    private final double[] smoothed;
    private final String ended;
    private final boolean diverged;
    private final int minimumAt;
    private final int steepestAt;

    RangeTestResult(RangeTest test, double[] rates, double[] losses, double[] smoothed, String ended, boolean diverged) {
        this.test = test;
        this.rates = rates;
        this.losses = losses;
        this.smoothed = smoothed;
        this.ended = ended;
        this.diverged = diverged;
        int[] window = window();
        int min = -1;
        int steep = -1;
        double steepest = Double.POSITIVE_INFINITY;
        for (int i = window[0]; i < window[1]; i++) {
            if (Double.isFinite(smoothed[i]) && (min < 0 || smoothed[i] < smoothed[min])) {
                min = i;
            }
            if (i + 1 < window[1] && Double.isFinite(smoothed[i]) && Double.isFinite(smoothed[i + 1])) {
                double slope = (smoothed[i + 1] - smoothed[i]) / (Math.log(rates[i + 1]) - Math.log(rates[i]));
                if (slope < steepest) {
                    steepest = slope;
                    steep = i;
                }
            }
        }
        this.minimumAt = min;
        this.steepestAt = steep;
    }

    /** The steps the readings use: fastai's, without the first tenth and the last five, when enough remain. */
    private int[] window() {
        int from = rates.length / 10;
        int to = rates.length - 5;
        return to - from >= 3 ? new int[] {from, to} : new int[] {0, rates.length};
    }

    /**
     * The suggested learning rate: the minimum of the smoothed loss ÷ 10 ({@link #RULE}).
     *
     * @return the rate
     * @throws IllegalStateException when the test recorded too few finite losses to read
     */
    public double suggestion() {
        return minimum() / 10;
    }

    /** @return the rate at the minimum of the smoothed loss */
    public double minimum() {
        requireReadable();
        return rates[minimumAt];
    }

    /** @return the rate where the smoothed loss falls fastest against log(rate) */
    public double steepest() {
        requireReadable();
        return rates[steepestAt];
    }

    private void requireReadable() {
        if (minimumAt < 0 || steepestAt < 0) {
            throw new IllegalStateException("The range test recorded " + rates.length + " steps but not two finite"
                    + " losses in a row (" + ended + "), so there is no curve to read. Check that the learner trains at"
                    + " all (a finite loss on its current weights), or start the test at a lower rate.");
        }
    }

    /** @return the tested rate of each step run */
    public double[] rates() {
        return rates.clone();
    }

    /** @return the loss of each step run, before its update */
    public double[] losses() {
        return losses.clone();
    }

    /** @return the smoothed loss of each step (bias-corrected exponential moving average, β as set) */
    public double[] smoothedLosses() {
        return smoothed.clone();
    }

    /** @return steps run: fewer than asked when the loss diverged (or the test was stopped) */
    public int steps() {
        return rates.length;
    }

    /** @return whether the test ended because the loss diverged */
    public boolean diverged() {
        return diverged;
    }

    /** @return why the test ended, in words */
    public String ended() {
        return ended;
    }

    /** @return the settings it ran with */
    public RangeTest settings() {
        return test;
    }

    /** @return loss and smoothed loss against the rate on a log axis, the suggestion and the steepest point marked */
    public Chart plot() {
        XYChart c = Panels.xy("Learning-rate range test", "learning rate (log scale)", "loss", Panels.WIDTH,
                Panels.HEIGHT);
        c.getStyler().setXAxisLogarithmic(true);
        XYSeries raw = Panels.line(c, "loss", rates, losses);
        if (raw != null) {
            raw.setLineColor(RAW);
        }
        Panels.line(c, "smoothed (β=" + Schedule.num(test.smoothing()) + ")", rates, smoothed);
        Panels.orEmptyNote(c, "no step ran");
        if (minimumAt >= 0 && steepestAt >= 0) {
            Panels.points(c, "minimum", new double[] {rates[minimumAt]}, new double[] {smoothed[minimumAt]});
            Panels.points(c, "steepest", new double[] {rates[steepestAt]}, new double[] {smoothed[steepestAt]});
            double top = capY(c);
            c.addAnnotation(new AnnotationLine(suggestion(), true, false));
            c.addAnnotation(new AnnotationText("suggested " + rate(suggestion()), suggestion(), top, false));
            c.getStyler().setAnnotationLineColor(new Color(0x99, 0x33, 0x33));
            c.getStyler().setAnnotationTextFontColor(new Color(0x99, 0x33, 0x33));
        }
        return new Chart(String.format(Locale.ROOT, "Learning-rate range test, %d steps from %s to %s; suggested %s"
                + " (%s)", rates.length, Schedule.num(test.start()), Schedule.num(rates.length == 0 ? test.end()
                        : rates[rates.length - 1]), minimumAt < 0 ? "none" : rate(suggestion()),
                "minimum ÷ 10"), List.of(c), 1);
    }

    /** Keeps the diverging tail from flattening the curve: the loss axis ends a little above the start. */
    private double capY(XYChart c) {
        double first = Double.NaN;
        for (double s : smoothed) {
            if (Double.isFinite(s)) {
                first = s;
                break;
            }
        }
        double top = Math.max(first, smoothed[minimumAt]) * 1.5;
        c.getStyler().setYAxisMax(top);
        return top * 0.95;
    }

    /** A rate to two significant digits, as one would type it: {@code 0.058}, {@code 3.2e-05}. */
    private static String rate(double r) {
        return Schedule.num(Double.parseDouble(String.format(Locale.ROOT, "%.2g", r)));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Learning-rate range test: %d of %d steps,"
                + " rate %s → %s, on a copy of the learner (its weights, optimizer state, history, step count and data"
                + " order are as they were); it ended because %s.%n", rates.length, test.steps(),
                Schedule.num(test.start()), Schedule.num(test.end()), ended));
        if (minimumAt < 0 || steepestAt < 0) {
            return sb.append("No curve to read: too few finite losses.").toString();
        }
        sb.append(String.format(Locale.ROOT, "  minimum of the smoothed loss: %.4g at rate %s → minimum ÷ 10 = %s"
                + "   ← suggested%n", smoothed[minimumAt], rate(minimum()), rate(suggestion())));
        sb.append(String.format(Locale.ROOT, "  steepest descent of the smoothed loss: at rate %s%n", rate(steepest())));
        sb.append("Suggested learning rate: ").append(rate(suggestion())).append(" (rule: ").append(RULE)
                .append("; the steepest point is the other common reading).");
        if (!diverged && minimumAt >= window()[1] - 3) {
            sb.append("\nThe loss was still falling at the last rate: a higher last rate (RangeTest…to(…)) shows"
                    + " where it turns.");
        } else if (minimumAt <= window()[0]) {
            sb.append("\nThe loss was lowest at the first rates read: start the test lower (RangeTest.from(…)).");
        }
        return sb.toString();
    }

    @Override
    public MimeBundle toMimeBundle() {
        Chart chart = plot();
        String html = "<div><pre>" + toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</pre><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(chart.png())
                + "\" alt=\"" + chart.description().replace("\"", "&quot;") + "\"/></div>";
        return MimeBundle.text(toString()).withHtml(html);
    }
}
