package dev.layerwise.plot;

import java.math.BigDecimal;

/**
 * How a chart smooths a noisy per-step series for reading; the raw values stay in the data and are drawn
 * faintly behind. {@link #ema(double)} is an exponential moving average, bias-corrected so its first points
 * follow the data instead of the first value (as Adam corrects its moments; Kingma and Ba 2015); on a log axis
 * it averages the logarithms, so one spike does not lift the line for many steps. {@link #none()} draws the
 * raw series alone.
 */
public final class Smoothing {
    /** The live chart's default: each point keeps 95% of the average before it. */
    public static final Smoothing DEFAULT = ema(0.95);
    private final double keep;

    private Smoothing(double keep) {
        this.keep = keep;
    }

    /**
     * An exponential moving average: {@code avg = keep × avg + (1 − keep) × value}, divided by
     * {@code 1 − keep^n} after n values.
     *
     * @param keep in [0, 1): 0 draws the raw values, 0.9 averages over about 10 steps, 0.99 over about 100
     * @return the smoothing
     */
    public static Smoothing ema(double keep) {
        if (!(keep >= 0 && keep < 1)) {
            throw new IllegalArgumentException("Smoothing.ema(" + keep + "): expected a share in [0, 1) of the running"
                    + " average each point keeps, e.g. 0.9 (about 10 steps) or 0.99 (about 100).");
        }
        return new Smoothing(keep);
    }

    /** @return no smoothing: the raw series only */
    public static Smoothing none() {
        return new Smoothing(0);
    }

    /** @return true when the series are drawn raw only */
    public boolean isNone() {
        return keep == 0;
    }

    /** @return the share of the running average each point keeps; 0 for none */
    public double keep() {
        return keep;
    }

    /**
     * The smoothed series; non-finite values (and, on a log axis, values ≤ 0) are skipped and give NaN.
     *
     * @param values the raw series
     * @param logAxis average the logarithms, for a series drawn on a log axis
     * @return a new array of the same length
     */
    public double[] apply(double[] values, boolean logAxis) {
        double[] out = new double[values.length];
        double avg = 0;
        double weight = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || (logAxis && v <= 0)) {
                out[i] = Double.NaN;
                continue;
            }
            avg = keep * avg + (1 - keep) * (logAxis ? Math.log(v) : v);
            weight = keep * weight + (1 - keep);
            out[i] = logAxis ? Math.exp(avg / weight) : avg / weight;
        }
        return out;
    }

    /** @return e.g. {@code "EMA 0.95"}, or {@code "raw"} */
    @Override
    public String toString() {
        return isNone() ? "raw" : "EMA " + BigDecimal.valueOf(keep).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Smoothing s && s.keep == keep;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(keep);
    }
}
