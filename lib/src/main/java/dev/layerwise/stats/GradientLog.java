package dev.layerwise.stats;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.TextChart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gradient statistics recorded during training, as a tidy table of plain numbers: one row per
 * (step, parameter, metric). Nothing here holds native memory.
 */
public final class GradientLog implements Displayable {
    /** The L2 norm of a parameter's gradient. */
    public static final String NORM = "norm";
    /** The mean absolute value of a parameter's gradient. */
    public static final String MEAN_ABS = "meanAbs";

    /**
     * One recorded number.
     *
     * @param step the training step
     * @param epoch the epoch
     * @param layer the layer's name
     * @param parameter the parameter's name within the layer, e.g. {@code bias}
     * @param metric what was measured, e.g. {@link #NORM}
     * @param value the number
     */
    public record Row(long step, int epoch, String layer, String parameter, String metric, double value) {}

    private final List<Row> rows = new ArrayList<>();

    /**
     * Appends a row; used by the recorder.
     *
     * @param row the row
     */
    public void add(Row row) {
        rows.add(row);
    }

    /** @return every row, in recording order */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** @return the layers that have recorded gradients, in net order */
    public List<String> layers() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.layer()));
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
        return rows.stream().filter(r -> r.layer().equals(layer) && r.parameter().equals(parameter)
                && r.metric().equals(metric)).mapToDouble(Row::value).toArray();
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
        return new SpeedOfLearning(speeds, steps().length);
    }

    /** @return the table as CSV: step, epoch, layer, parameter, metric, value */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("step,epoch,layer,parameter,metric,value\n");
        for (Row r : rows) {
            sb.append(r.step()).append(',').append(r.epoch()).append(',').append(r.layer()).append(',')
                    .append(r.parameter()).append(',').append(r.metric()).append(',').append(r.value()).append('\n');
        }
        return sb.toString();
    }

    /** @return a chart of each layer's weight-gradient norm over the recorded steps */
    public TextChart plot() {
        TextChart chart = new TextChart("Weight-gradient L2 norm per layer", "recorded step", 60, 12);
        for (String layer : layers()) {
            chart.add(layer, series(layer, "weight", NORM));
        }
        return chart;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GradientLog: %d recorded steps, layers %s%n%s", steps().length, layers(),
                speedOfLearning());
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
