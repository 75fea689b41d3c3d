package dev.layerwise.stats;

import java.util.Arrays;

/**
 * The distribution of one parameter's gradient or weights at one step: equal-width bins between
 * {@code from} and {@code to}. Plain numbers; chart several with {@code Charts.histograms(log, kind)}.
 *
 * @param step the training step
 * @param epoch the epoch
 * @param layer the layer's name
 * @param parameter e.g. {@code weight}
 * @param kind {@link #GRADIENT} or {@link #WEIGHT}
 * @param from the lower edge of the first bin
 * @param to the upper edge of the last bin
 * @param counts values per bin
 */
public record Histogram(long step, int epoch, String layer, String parameter, String kind, double from, double to,
        long[] counts) {
    /** Histogram of a gradient. */
    public static final String GRADIENT = "gradient";
    /** Histogram of weights. */
    public static final String WEIGHT = "weight";

    /** Copies the counts, so the record stays unchanged. */
    public Histogram {
        counts = counts.clone();
    }

    /**
     * Counts a slice of values into equal-width bins spanning their range; use it to build a
     * histogram from values read back from the device.
     *
     * @param step the training step
     * @param epoch the epoch
     * @param layer the layer's name
     * @param parameter e.g. {@code weight}
     * @param kind {@link #GRADIENT} or {@link #WEIGHT}
     * @param values the values
     * @param offset the first value to count
     * @param length how many to count, at least 1
     * @param bins the number of bins, at least 1
     * @return the histogram
     */
    public static Histogram of(long step, int epoch, String layer, String parameter, String kind, float[] values,
            int offset, int length, int bins) {
        if (length < 1 || bins < 1 || offset < 0 || offset + length > values.length) {
            throw new IllegalArgumentException("Histogram.of: expected at least one value and one bin inside the array,"
                    + " got offset " + offset + ", length " + length + ", bins " + bins + " of " + values.length
                    + " values.");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        if (!(max - min > 1e-12 * Math.max(1, Math.abs(max)))) {
            double pad = Math.max(1e-12, Math.abs(min) * 1e-3);
            min -= pad;
            max += pad;
        }
        long[] counts = new long[bins];
        double scale = bins / (max - min);
        for (int i = offset; i < offset + length; i++) {
            int b = (int) ((values[i] - min) * scale);
            counts[Math.min(bins - 1, Math.max(0, b))]++;
        }
        return new Histogram(step, epoch, layer, parameter, kind, min, max, counts);
    }

    /** @return the centre of each bin */
    public double[] centres() {
        double width = (to - from) / counts.length;
        double[] c = new double[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = from + (i + 0.5) * width;
        }
        return c;
    }

    /** @return the number of values counted */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.step == step && h.epoch == epoch && h.layer.equals(layer)
                && h.parameter.equals(parameter) && h.kind.equals(kind) && h.from == from && h.to == to
                && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(step) * 31 + layer.hashCode() * 17 + parameter.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Histogram %s %s.%s step %d: %d bins over [%.4g, %.4g], %d values",
                kind, layer, parameter, step, counts.length, from, to, total());
    }
}
