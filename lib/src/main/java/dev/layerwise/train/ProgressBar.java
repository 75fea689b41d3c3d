package dev.layerwise.train;

import dev.layerwise.display.Display;
import dev.layerwise.display.DisplayHandle;
import dev.layerwise.display.MimeBundle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The default {@code "progress"} callback: epoch, step of total, samples per second, time left,
 * the smoothed loss and the epoch's accuracy so far (read when a frame is drawn, not every step). In a notebook it is one output updated in place (HTML with a text
 * fallback); in a terminal, one line rewritten with a carriage return. Remove it with
 * {@code learner.removeCallback("progress")}.
 */
public final class ProgressBar implements Callback {
    private static final int WIDTH = 30;
    private int epochs;
    private long stepsPlanned;
    private long stepsDone;
    private long samples;
    private long fitStart;
    private long lastDraw;
    private int epoch;
    private int firstEpoch;
    private double lossAverage = Double.NaN;
    private double accuracy = Double.NaN;
    private Learner learner;
    private DisplayHandle handle;
    private PrintStream out;

    /** A bar redrawn at most twice a second in a notebook and ten times a second in a terminal. */
    public ProgressBar() {}

    @Override
    public void fitStarted(Learner learner, int epochCount, long planned) {
        epochs = epochCount;
        stepsPlanned = planned;
        stepsDone = 0;
        samples = 0;
        fitStart = System.nanoTime();
        lastDraw = 0;
        lossAverage = Double.NaN;
        accuracy = Double.NaN;
        this.learner = learner;
        firstEpoch = learner.epoch() + 1;
        epoch = firstEpoch;
        out = System.out;
        handle = Display.isRich() ? Display.show(render(false)) : null;
    }

    @Override
    public void epochStarted(int e) {
        epoch = e;
    }

    @Override
    public void stepEnded(StepRecord record, StepContext step) {
        stepsDone++;
        samples += record.batchSize();
        lossAverage = Double.isNaN(lossAverage) ? record.loss() : 0.95 * lossAverage + 0.05 * record.loss();
        long now = System.nanoTime();
        // notebook: at most two frames a second; terminal: ten; a log file or pipe: one
        long interval = handle != null ? 500_000_000L : System.console() != null ? 100_000_000L : 1_000_000_000L;
        if (now - lastDraw >= interval) {
            lastDraw = now;
            draw(false);
        }
    }

    @Override
    public void fitEnded(History history) {
        draw(true);
        if (handle == null && out != null) {
            out.println();
            out.flush();
        }
    }

    /** The epoch's running accuracy, read from the "metrics" callback only when a frame is drawn. */
    @Override
    public void epochEnded(EpochRecord record) {
        accuracy = record.accuracy();
    }

    private void draw(boolean last) {
        if (!last && learner != null && learner.callback("metrics") instanceof EpochMetrics metrics) {
            double soFar = metrics.accuracySoFar();
            accuracy = Double.isNaN(soFar) ? accuracy : soFar;
        }
        MimeBundle bundle = render(last);
        if (handle != null) {
            handle.update(bundle);
        } else if (out != null) {
            out.print("\r" + bundle.text());
            out.flush();
        }
    }

    /**
     * The bar's current text, as the terminal shows it.
     *
     * @return e.g. {@code epoch 1/1 [=====>     ] 340/1000 · loss 0.512 · acc 81.2% · 5,120 samples/s · ETA 3s}
     */
    public String text() {
        return render(false).text();
    }

    private MimeBundle render(boolean last) {
        double seconds = Math.max(1e-9, (System.nanoTime() - fitStart) / 1e9);
        double rate = samples / seconds;
        double fraction = stepsPlanned == 0 ? 0 : Math.min(1, stepsDone / (double) stepsPlanned);
        double eta = stepsDone == 0 ? Double.NaN : seconds * (stepsPlanned - stepsDone) / stepsDone;
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled == WIDTH ? "=" : ">") : "")
                + " ".repeat(WIDTH - filled);
        String time = last ? String.format(Locale.ROOT, "%.1fs", seconds) : "ETA " + duration(eta);
        String text = String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d · loss %s · acc %s · %,.0f samples/s · %s",
                epoch - firstEpoch + 1, epochs, bar, stepsDone, stepsPlanned, num(lossAverage),
                percent(accuracy), rate, time);
        String html = String.format(Locale.ROOT,
                "<div class=\"layerwise-progress\" style=\"font-family:monospace\">epoch %d/%d "
                        + "<progress value=\"%d\" max=\"%d\" style=\"width:20em\"></progress> %d/%d · loss %s · acc %s"
                        + " · %,.0f samples/s · %s</div>",
                epoch - firstEpoch + 1, epochs, stepsDone, Math.max(1, stepsPlanned), stepsDone, stepsPlanned,
                num(lossAverage), percent(accuracy), rate, time);
        return MimeBundle.text(text).withHtml(html);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String duration(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
