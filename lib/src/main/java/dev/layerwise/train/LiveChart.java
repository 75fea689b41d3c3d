package dev.layerwise.train;

import dev.layerwise.display.Display;
import dev.layerwise.display.DisplayHandle;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.Smoothing;
import dev.layerwise.stats.GradientLog;

import java.util.List;

/**
 * The {@code "chart"} callback: one chart of the training loss and each layer's gradient norm that
 * updates in place while {@code fit} runs — one output per {@code fit}, at most two frames a second
 * (fewer when drawing is slow), and a last frame after the last step. It continues across
 * {@code fit} calls and marks optimizer switches. Both panels are smoothed ({@link Smoothing#DEFAULT}, an
 * exponential moving average, over the raw values drawn faintly; the legend says so); the learner's history and
 * gradient log keep the raw values. In a terminal it does nothing. Register it with
 * {@code learner.callback("chart", new LiveChart())}, or {@code new LiveChart().smoothing(Smoothing.none())} for
 * raw lines only; remove it by that name.
 */
public final class LiveChart implements Callback {
    /** Shortest time between two frames: at most two frames a second. */
    public static final long MIN_FRAME_NANOS = 500_000_000L;
    /** Drawing may take at most this share of the training time. */
    private static final double DRAW_SHARE = 0.1;
    private Learner learner;
    private History steps;
    private DisplayHandle handle;
    private long lastFrame;
    private long interval = MIN_FRAME_NANOS;
    private int frames;
    private Smoothing smoothing = Smoothing.DEFAULT;

    /** A live chart; it draws only in a notebook. */
    public LiveChart() {}

    /**
     * Sets how the chart smooths the loss and the per-layer gradient norms.
     *
     * @param how e.g. {@code Smoothing.ema(0.9)}, or {@code Smoothing.none()} for the raw series alone
     * @return this chart
     */
    public LiveChart smoothing(Smoothing how) {
        if (how == null) {
            throw new IllegalArgumentException("LiveChart.smoothing(null): expected e.g. Smoothing.ema(0.95) or"
                    + " Smoothing.none().");
        }
        smoothing = how;
        return this;
    }

    /** @return how the chart smooths its lines */
    public Smoothing smoothing() {
        return smoothing;
    }

    @Override
    public void fitStarted(Learner l, int epochs, long stepsPlanned) {
        learner = l;
        frames = 0;
        handle = null;
        if (!Display.isRich()) {
            return;
        }
        steps = new History();
        steps.addAll(l.history());
        handle = Display.show(frame());
        lastFrame = System.nanoTime();
    }

    @Override
    public void stepEnded(StepRecord record, StepContext step) {
        if (handle == null) {
            return;
        }
        steps.add(record);
        if (System.nanoTime() - lastFrame >= interval) {
            draw();
        }
    }

    @Override
    public void fitEnded(History history) {
        if (handle != null) {
            draw();
            handle = null;
        }
    }

    private void draw() {
        long start = System.nanoTime();
        handle.update(frame());
        long took = System.nanoTime() - start;
        lastFrame = System.nanoTime();
        interval = Math.max(MIN_FRAME_NANOS, (long) (took / DRAW_SHARE));
        frames++;
    }

    private MimeBundle frame() {
        return HistoryCharts.lossAndGradients(steps, gradients(), markers(), smoothing).toPngBundle();
    }

    private GradientLog gradients() {
        Callback c = learner.callback("gradients");
        return c instanceof GradientRecorder r ? r.log() : null;
    }

    /** @return optimizer switches and other events so far, as markers on the step axis */
    public List<Marker> markers() {
        return learner == null ? List.of() : learner.history().markers();
    }

    /** @return updates sent during the current or last {@code fit}, the final one included */
    public int frames() {
        return frames;
    }
}
