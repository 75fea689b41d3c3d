package dev.layerwise.stats;

import dev.layerwise.files.AtomicFiles;
import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Statistics recorded during training, as a tidy table of plain numbers: one row per (step, layer,
 * parameter, metric), plus optional histograms. Nothing here holds native memory. Export with
 * {@link #toCsv()}, read back with {@link #fromCsv(String)}, chart with {@link #plot()}.
 */
public final class GradientLog implements Displayable {
    /** The L2 norm of a parameter's gradient. */
    public static final String NORM = "norm";
    /** The mean absolute value of a parameter's gradient. */
    public static final String MEAN_ABS = "meanAbs";
    /** The standard deviation of a parameter's gradient (over its elements, population form). */
    public static final String STD = "std";
    /** The largest absolute value of a parameter's gradient. */
    public static final String MAX_ABS = "maxAbs";
    /** The L2 norm of a parameter's values after the step. */
    public static final String WEIGHT_NORM = "weightNorm";
    /** ‖w_after − w_before‖ / ‖w_after‖: how much one step changed a parameter, relatively. */
    public static final String UPDATE_RATIO = "updateRatio";
    /**
     * The L2 norm of all gradients together, before any clipping: the number PyTorch's
     * {@code clip_grad_norm_} compares with its bound. Recorded in rows of layer {@link #GLOBAL}.
     */
    public static final String GRAD_NORM = "grad_norm";
    /** The layer column of rows about the whole net rather than one layer, e.g. {@link #GRAD_NORM}. */
    public static final String GLOBAL = "global";
    /** The parameter column of rows about all parameters together. */
    public static final String ALL = "all";
    /** The parameter column of activation rows. */
    public static final String ACTIVATION = "activation";
    /** Mean of a layer's outputs over the probe batch. */
    public static final String MEAN = "mean";
    /** Fraction of a sigmoid's outputs below 0.01 or above 0.99, or of a tanh's with |a| > 0.99. */
    public static final String SATURATED = "saturated";
    /** Fraction of a ReLU's units that are zero on the whole probe batch. */
    public static final String DEAD = "dead";

    /**
     * One recorded number.
     *
     * @param step the training step
     * @param epoch the epoch
     * @param layer the layer's name
     * @param parameter the parameter's name within the layer, e.g. {@code bias}, or {@link #ACTIVATION}
     * @param metric what was measured, e.g. {@link #NORM}
     * @param value the number
     */
    public record Row(long step, int epoch, String layer, String parameter, String metric, double value) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Histogram> histograms = new ArrayList<>();

    /** An empty log; recorders fill it, {@link #fromCsv(String)} reads one. */
    public GradientLog() {}

    /**
     * Appends a row; used by the recorder.
     *
     * @param row the row
     */
    public void add(Row row) {
        rows.add(row);
    }

    /**
     * Appends a histogram; used by the recorder.
     *
     * @param histogram the histogram
     */
    public void add(Histogram histogram) {
        histograms.add(histogram);
    }

    /** @return every row, in recording order */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** @return every histogram, in recording order */
    public List<Histogram> histograms() {
        return Collections.unmodifiableList(histograms);
    }

    /** @return whether nothing was recorded */
    public boolean isEmpty() {
        return rows.isEmpty() && histograms.isEmpty();
    }

    /** @return the layers that have recorded gradients, in net order (not the {@link #GLOBAL} rows) */
    public List<String> layers() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.layer()));
        names.remove(GLOBAL);
        return new ArrayList<>(names);
    }

    /**
     * The global gradient norm before clipping, at each recorded step: over every parameter that
     * learns (frozen layers are left out), as PyTorch's {@code clip_grad_norm_} measures it.
     *
     * @return the values in step order, matching {@link #gradNormSteps()}
     */
    public double[] gradNorm() {
        return series(GLOBAL, ALL, GRAD_NORM);
    }

    /** @return the steps of {@link #gradNorm()} */
    public long[] gradNormSteps() {
        return steps(GLOBAL, ALL, GRAD_NORM);
    }

    /**
     * The layers that have a given metric of a given parameter.
     *
     * @param parameter e.g. {@code weight}, or {@link #ACTIVATION}
     * @param metric e.g. {@link #NORM} or {@link #SATURATED}
     * @return their names, in net order
     */
    public List<String> layers(String parameter, String metric) {
        Set<String> names = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.parameter().equals(parameter) && r.metric().equals(metric)) {
                names.add(r.layer());
            }
        }
        return new ArrayList<>(names);
    }

    /** @return the metrics recorded, in first-seen order */
    public List<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.metric()));
        return new ArrayList<>(names);
    }

    /**
     * One metric of one parameter over the recorded steps.
     *
     * @param layer the layer's name
     * @param parameter e.g. {@code weight} or {@code bias}
     * @param metric e.g. {@link #NORM}
     * @return the values in step order
     */
    public double[] series(String layer, String parameter, String metric) {
        return select(layer, parameter, metric).stream().mapToDouble(Row::value).toArray();
    }

    /**
     * The steps at which a metric was recorded, matching {@link #series(String, String, String)}.
     *
     * @param layer the layer's name
     * @param parameter e.g. {@code weight}
     * @param metric e.g. {@link #NORM}
     * @return the steps in order
     */
    public long[] steps(String layer, String parameter, String metric) {
        return select(layer, parameter, metric).stream().mapToLong(Row::step).toArray();
    }

    private List<Row> select(String layer, String parameter, String metric) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.layer().equals(layer) && r.parameter().equals(parameter) && r.metric().equals(metric)) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return the recorded steps, in order */
    public long[] steps() {
        return rows.stream().mapToLong(Row::step).distinct().toArray();
    }

    /**
     * Nielsen's speed of learning: for each layer with biases, the mean L2 norm of its bias
     * gradient over the recorded steps.
     *
     * @return the per-layer speeds
     */
    public SpeedOfLearning speedOfLearning() {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.parameter().equals("bias") && r.metric().equals(NORM)) {
                double[] s = sums.computeIfAbsent(r.layer(), k -> new double[2]);
                s[0] += r.value();
                s[1]++;
            }
        }
        Map<String, Double> speeds = new LinkedHashMap<>();
        sums.forEach((layer, s) -> speeds.put(layer, s[0] / s[1]));
        return new SpeedOfLearning(speeds, (int) rows.stream().filter(r -> r.metric().equals(NORM))
                .mapToLong(Row::step).distinct().count());
    }

    /**
     * Compares two runs' logs: the mean of each layer's gradient norms side by side, and a chart of
     * both runs' weight-gradient norms overlaid.
     *
     * @param nameA what to call the first run, e.g. {@code "sgd"}
     * @param a its log
     * @param nameB what to call the second run
     * @param b its log
     * @return the comparison
     */
    public static LogComparison compare(String nameA, GradientLog a, String nameB, GradientLog b) {
        if (nameA == null || nameB == null || a == null || b == null) {
            throw new IllegalArgumentException("compare(" + nameA + ", " + (a == null ? "null" : "log") + ", " + nameB
                    + ", " + (b == null ? "null" : "log") + "): expected two names and two logs, e.g."
                    + " compare(\"sgd\", sgd.gradients(), \"adam\", adam.gradients()).");
        }
        Map<String, GradientLog> runs = new LinkedHashMap<>();
        runs.put(nameA, a);
        if (runs.put(nameB, b) != null) {
            throw new IllegalArgumentException("compare: both runs are called '" + nameA
                    + "'; give them different names, e.g. \"sgd\" and \"rmsprop\".");
        }
        return new LogComparison(runs);
    }

    /** @return the table as CSV: step, epoch, layer, parameter, metric, value (histograms are not included) */
    public String toCsv() {
        return LogCsv.write(rows);
    }

    /**
     * Writes {@link #toCsv()} to a file.
     *
     * @param file where to write
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path saveCsv(Path file) throws IOException {
        return AtomicFiles.write("GradientLog.saveCsv", file, toCsv());
    }

    /**
     * Reads a log written by {@link #toCsv()}, e.g. to compare with an earlier run.
     *
     * @param csv the CSV text, header first
     * @return the log
     */
    public static GradientLog fromCsv(String csv) {
        if (csv == null) {
            throw new IllegalArgumentException("fromCsv(null): expected CSV text written by toCsv().");
        }
        GradientLog log = new GradientLog();
        LogCsv.read(csv).forEach(log::add);
        return log;
    }

    /**
     * Reads a log saved by {@link #saveCsv(Path)}.
     *
     * @param file the CSV file
     * @return the log
     * @throws IOException when it cannot be read
     */
    public static GradientLog loadCsv(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("loadCsv(null): expected the path of a file written by saveCsv.");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "loadCsv: " + (Files.isDirectory(file)
                    ? "this is a folder; give the CSV file inside it" : "no such file (working directory "
                    + Path.of("").toAbsolutePath() + "); check the path, or write one with saveCsv(path)"));
        }
        return fromCsv(Files.readString(file));
    }

    /** @return a chart of each layer's weight-gradient L2 norm over the recorded steps, log scale */
    public Chart plot() {
        return GradientCharts.gradientNorms(this);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GradientLog: %d recorded steps, layers %s, metrics %s%n%s",
                steps().length, layers(), metrics(), speedOfLearning());
    }

    @Override
    public MimeBundle toMimeBundle() {
        MimeBundle text = MimeBundle.text(toString());
        return rows.isEmpty() ? text : text.withPng(plot().png());
    }
}
