package dev.layerwise.stats;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.plot.Chart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How fast each layer learns: the mean L2 norm of its bias gradient (Nielsen, <i>Neural Networks
 * and Deep Learning</i>, ch. 5). In a deep sigmoid net the first hidden layers learn far slower
 * than the last: the vanishing-gradient problem.
 */
public final class SpeedOfLearning implements Displayable {
    private static final int BAR = 40;
    private final Map<String, Double> speeds;
    private final int samples;

    /**
     * The speeds of some layers.
     *
     * @param speeds per layer name, in net order
     * @param samples how many recorded steps they average
     */
    public SpeedOfLearning(Map<String, Double> speeds, int samples) {
        this.speeds = Collections.unmodifiableMap(new LinkedHashMap<>(speeds));
        this.samples = samples;
    }

    /** @return the speed per layer, in net order */
    public Map<String, Double> speeds() {
        return speeds;
    }

    /**
     * The speed of one layer.
     *
     * @param layer its name
     * @return its mean bias-gradient norm
     */
    public double of(String layer) {
        Double s = speeds.get(layer);
        if (s == null) {
            throw new IllegalArgumentException("No speed recorded for '" + layer + "'; layers with biases: "
                    + speeds.keySet() + ".");
        }
        return s;
    }

    /**
     * How many times faster one layer learns than another.
     *
     * @param faster a layer's name
     * @param slower another layer's name
     * @return the ratio of their speeds
     */
    public double ratio(String faster, String slower) {
        return of(faster) / of(slower);
    }

    /** @return how many recorded steps the speeds average */
    public int samples() {
        return samples;
    }

    /** @return a bar chart of the speeds, one bar per layer */
    public Chart plot() {
        return GradientCharts.speedOfLearning(this);
    }

    @Override
    public String toString() {
        double max = speeds.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int width = speeds.keySet().stream().mapToInt(String::length).max().orElse(5);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Speed of learning (mean bias-gradient L2 norm over %d recorded steps)%n", samples));
        speeds.forEach((layer, v) -> {
            int filled = max > 0 ? (int) Math.round(v / max * BAR) : 0;
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %s%s %.4g%n", layer, "█".repeat(filled),
                    "░".repeat(BAR - filled), v));
        });
        return sb.toString().stripTrailing();
    }

    @Override
    public MimeBundle toMimeBundle() {
        MimeBundle text = MimeBundle.text(toString());
        return speeds.isEmpty() ? text : text.withPng(plot().png());
    }
}
