package dev.layerwise.train;

import dev.layerwise.files.AtomicFiles;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;
import dev.layerwise.plot.Marker;
import dev.layerwise.plot.TextChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The record of training: every step and every epoch. A learner keeps one for its whole life, and
 * each {@code fit} call returns the part it added. Steps and epochs are numbered across calls, so
 * the part of a second {@code fit(1)} starts at epoch 2.
 */
public final class History implements Displayable {
    private final List<StepRecord> steps = new ArrayList<>();
    private final List<EpochRecord> epochs = new ArrayList<>();
    private final List<TrainingEvent> events = new ArrayList<>();
    private boolean stopped;
    private String stopReason;

    History() {}

    void add(StepRecord s) {
        steps.add(s);
    }

    void add(EpochRecord e) {
        epochs.add(e);
    }

    void add(TrainingEvent e) {
        events.add(e);
    }

    void markStopped(String reason) {
        stopped = true;
        stopReason = reason;
    }

    void addAll(History other) {
        steps.addAll(other.steps);
        epochs.addAll(other.epochs);
        events.addAll(other.events);
    }

    /** Takes another history's records in place of its own, for a learner read back from a file. */
    void replaceWith(History other) {
        steps.clear();
        epochs.clear();
        events.clear();
        addAll(other);
        stopped = other.stopped;
        stopReason = other.stopReason;
    }

    /** @return why training stopped early, e.g. a callback's reason or the Stop button; null when it did not */
    public String stopReason() {
        return stopReason;
    }

    /** @return optimizer switches and other changes, with the step at which each took effect */
    public List<TrainingEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** @return optimizer switches and other changes as chart markers */
    public List<Marker> markers() {
        return events.stream().map(e -> new Marker(e.step(), e.label())).toList();
    }

    /** @return the learning rate of every step */
    public double[] learningRates() {
        return steps.stream().mapToDouble(StepRecord::learningRate).toArray();
    }

    /** @return the momentum of every step (NaN where the optimizer has none) */
    public double[] momenta() {
        return steps.stream().mapToDouble(StepRecord::momentum).toArray();
    }

    /** @return every step, in order */
    public List<StepRecord> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** @return every epoch, in order; the last may be incomplete when training was stopped */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return whether this training was stopped before it finished (Stop button or interrupt) */
    public boolean stopped() {
        return stopped;
    }

    /** @return the last epoch, or {@code null} before any */
    public EpochRecord lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** @return the loss of every step */
    public double[] losses() {
        return steps.stream().mapToDouble(StepRecord::loss).toArray();
    }

    /** @return the training accuracy of every step */
    public double[] accuracies() {
        return steps.stream().mapToDouble(StepRecord::accuracy).toArray();
    }

    /** @return the test accuracy after each epoch */
    public double[] testAccuracies() {
        return epochs.stream().mapToDouble(EpochRecord::testAccuracy).toArray();
    }

    /** @return the steps as CSV: step, epoch, loss, accuracy, batch_size, millis, learning_rate, momentum */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("step,epoch,loss,accuracy,batch_size,millis,learning_rate,momentum\n");
        for (StepRecord s : steps) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%d,%.4f,%s,%s%n", s.step(), s.epoch(), s.loss(),
                    s.accuracy(), s.batchSize(), s.millis(), s.learningRate(), s.momentum()));
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toCsv()} to a file.
     *
     * @param file where to write
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path saveCsv(Path file) throws IOException {
        return AtomicFiles.write("History.saveCsv", file, toCsv());
    }

    /** @return loss and accuracy per step and epoch, with optimizer switches and other events marked */
    public Chart plot() {
        double[] smoothed = losses();
        for (int i = 1; i < smoothed.length; i++) {
            smoothed[i] = 0.95 * smoothed[i - 1] + 0.05 * smoothed[i];
        }
        return HistoryCharts.history(this, markers())
                .withTextForm(new TextChart("Training loss per step (smoothed)", "step", 60, 12).add("loss", smoothed));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "History: %d epoch%s, %d steps%s%n",
                epochs.size(), epochs.size() == 1 ? "" : "s", steps.size(), stopped ? " (stopped early)" : ""));
        sb.append("epoch      loss  accuracy  test loss  test acc   seconds  samples/s\n");
        for (EpochRecord e : epochs) {
            sb.append(String.format(Locale.ROOT, "%5d%s %9.4f %8.2f%% %10s %9s %9.2f %10.0f%n", e.epoch(),
                    e.complete() ? " " : "*", e.loss(), 100 * e.accuracy(), fmt(e.testLoss(), false),
                    fmt(e.testAccuracy(), true), e.seconds(), e.samplesPerSecond()));
        }
        if (epochs.stream().anyMatch(e -> !e.complete())) {
            sb.append("* stopped before the end of the epoch\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String fmt(double v, boolean percent) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return percent ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : String.format(Locale.ROOT, "%.4f", v);
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<table class=\"layerwise-history\"><caption>History: ")
                .append(epochs.size()).append(" epochs, ").append(steps.size()).append(" steps")
                .append(stopped ? " (stopped early)" : "").append("</caption><tr><th>epoch</th><th>loss</th>"
                        + "<th>accuracy</th><th>test loss</th><th>test accuracy</th><th>seconds</th>"
                        + "<th>samples/s</th></tr>");
        for (EpochRecord e : epochs) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td>%d%s</td><td>%.4f</td><td>%.2f%%</td><td>%s</td><td>%s</td><td>%.2f</td><td>%.0f</td></tr>",
                    e.epoch(), e.complete() ? "" : "*", e.loss(), 100 * e.accuracy(), fmt(e.testLoss(), false),
                    fmt(e.testAccuracy(), true), e.seconds(), e.samplesPerSecond()));
        }
        html.append("</table>");
        return MimeBundle.text(toString()).withHtml(html.toString());
    }
}
