package dev.layerwise.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Tick values for a numeric axis at a "nice" step, 1, 2 or 5 × 10^k, the smallest such step whose labels fit
 * side by side (each label's width plus a gap at most the distance between two ticks) and that leaves at least
 * {@link #MIN_SPACING} pixels between ticks. Labels read as people write the numbers: {@code 0.05},
 * {@code 250}, {@code 2000}, {@code 40k}, {@code 1.5M}.
 */
public final class NiceTicks {
    /** The least distance between two ticks, in pixels: closer ticks clutter the axis even when they fit. */
    public static final double MIN_SPACING = 50;
    private static final double[] MANTISSAS = {1, 2, 5};

    /**
     * One tick.
     *
     * @param value where it is, in data units
     * @param label what is written under it
     */
    public record Tick(double value, String label) {}

    private NiceTicks() {}

    /**
     * The ticks of an axis.
     *
     * @param from the smallest value the axis shows
     * @param to the largest value the axis shows
     * @param pixels the axis's length on screen
     * @param width a label's width in pixels, as it will be drawn
     * @param gap the least space between two labels, in pixels
     * @param whole only whole-number steps, for axes that count (steps, epochs)
     * @return the ticks within [from, to], in order; one tick at {@code from} when the range is empty
     */
    public static List<Tick> of(double from, double to, double pixels, ToDoubleFunction<String> width, double gap,
            boolean whole) {
        if (!(Double.isFinite(from) && Double.isFinite(to)) || !(pixels > 0)) {
            return List.of();
        }
        if (to <= from) {
            return List.of(new Tick(from, BigDecimal.valueOf(from).stripTrailingZeros().toPlainString()));
        }
        double pixelsPerUnit = pixels / (to - from);
        // start below the least spacing, then grow through 1-2-5 until the labels fit
        int exponent = (int) Math.floor(Math.log10(MIN_SPACING / pixelsPerUnit)) - 1;
        for (int tries = 0; tries < 60; tries++) {
            for (double mantissa : MANTISSAS) {
                double step = mantissa * Math.pow(10, exponent);
                if (step * pixelsPerUnit < MIN_SPACING || (whole && step < 1)) {
                    continue;
                }
                List<Tick> ticks = at(from, to, step);
                double widest = ticks.stream().mapToDouble(t -> width.applyAsDouble(t.label())).max().orElse(0);
                if (widest + gap <= step * pixelsPerUnit || ticks.size() <= 1) {
                    return ticks;
                }
            }
            exponent++;
        }
        return List.of(new Tick(from, label(from, to - from, Math.max(Math.abs(from), Math.abs(to)))));
    }

    /** The multiples of step within [from, to], labelled. */
    static List<Tick> at(double from, double to, double step) {
        double largest = Math.max(Math.abs(from), Math.abs(to));
        List<Tick> ticks = new ArrayList<>();
        long first = (long) Math.ceil(from / step - 1e-9);
        for (long i = first; i * step <= to + step * 1e-9; i++) {
            double v = exact(i, step);
            ticks.add(new Tick(v, label(v, step, largest)));
        }
        return ticks;
    }

    /** i × step without binary noise (3 × 0.1 is 0.3, not 0.30000000000000004). */
    private static double exact(long i, double step) {
        return BigDecimal.valueOf(i).multiply(BigDecimal.valueOf(step)).doubleValue();
    }

    /**
     * A tick's label: thousands as {@code k} and millions as {@code M} once the axis reaches ten thousand and
     * the step is a whole number of them, and as many decimals as the step needs.
     *
     * @param value the tick's value
     * @param step the distance between ticks
     * @param largest the largest magnitude on the axis
     * @return e.g. {@code "0.25"}, {@code "120k"}
     */
    static String label(double value, double step, double largest) {
        String suffix = "";
        double unit = 1;
        if (largest >= 1e6 && step >= 1e5) {
            unit = 1e6;
            suffix = "M";
        } else if (largest >= 1e4 && step >= 100) {
            unit = 1e3;
            suffix = "k";
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step / unit) + 1e-9));
        BigDecimal scaled = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).setScale(decimals,
                RoundingMode.HALF_EVEN);
        String text = scaled.signum() == 0 ? "0" : scaled.toPlainString();
        return text.equals("0") ? text : text.replace('-', '−') + suffix;
    }
}
