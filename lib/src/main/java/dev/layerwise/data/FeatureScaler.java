package dev.layerwise.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Feature scaling fitted on a training set: one offset and one scale per feature (or per channel,
 * for image samples {@code [c, h, w]}), applied as {@code (x - offset) / scale} to every set of the
 * data set. A data set with {@link Dataset#standardize()} or {@link Dataset#minMax()} fits one on its
 * training examples whenever they change (a split, a subset), so validation and test statistics never
 * leak into training; {@link Dataset#scaler()} shows it.
 *
 * <p>A feature that is constant on the training set keeps scale 1 (it is only shifted), and one-hot
 * features of a CSV file stay 0 or 1.
 */
public final class FeatureScaler {
    private final Scaling kind;
    private final float[] offsets;
    private final float[] scales;
    private final boolean perChannel;
    private final int fittedOn;

    private FeatureScaler(Scaling kind, float[] offsets, float[] scales, boolean perChannel, int fittedOn) {
        this.kind = kind;
        this.offsets = offsets;
        this.scales = scales;
        this.perChannel = perChannel;
        this.fittedOn = fittedOn;
    }

    /** Fits on the examples; {@code keep} marks features left as they are (one-hot), or is null. */
    static FeatureScaler fit(Scaling kind, Examples ex, boolean[] keep) {
        int[] shape = ex.sampleShape();
        boolean channels = shape.length == 3;
        int groups = channels ? shape[0] : ex.sampleSize();
        int perGroup = ex.sampleSize() / groups;
        double[] a = new double[groups];
        double[] b = new double[groups];
        if (kind == Scaling.MIN_MAX) {
            Arrays.fill(a, Double.POSITIVE_INFINITY);
            Arrays.fill(b, Double.NEGATIVE_INFINITY);
        }
        float[] row = new float[ex.sampleSize()];
        int[] one = new int[1];
        for (int i = 0; i < ex.size(); i++) {
            one[0] = i;
            ex.copyFeatures(one, row, 0);
            for (int j = 0; j < row.length; j++) {
                int g = j / perGroup;
                double v = row[j];
                if (kind == Scaling.MIN_MAX) {
                    a[g] = Math.min(a[g], v);
                    b[g] = Math.max(b[g], v);
                } else {
                    a[g] += v;
                    b[g] += v * v;
                }
            }
        }
        float[] offsets = new float[groups];
        float[] scales = new float[groups];
        double count = (double) ex.size() * perGroup;
        for (int g = 0; g < groups; g++) {
            double offset;
            double scale;
            if (kind == Scaling.MIN_MAX) {
                offset = a[g];
                scale = b[g] - a[g];
            } else {
                offset = a[g] / count;
                scale = Math.sqrt(Math.max(0, b[g] / count - offset * offset));
            }
            if (!(scale > 1e-7 * Math.max(1, Math.abs(offset)))) {
                scale = 1; // constant on the training set: shift only
            }
            boolean kept = keep != null && !channels && keep[g];
            offsets[g] = kept ? 0f : (float) offset;
            scales[g] = kept ? 1f : (float) scale;
        }
        return new FeatureScaler(kind, offsets, scales, channels, ex.size());
    }

    /** The examples scaled, in their row order, with labels and targets kept. */
    Examples apply(Examples ex) {
        int size = ex.sampleSize();
        int perGroup = size / offsets.length;
        float[] x = ex.features();
        for (int i = 0; i < x.length; i++) {
            int g = (i % size) / perGroup;
            x[i] = (x[i] - offsets[g]) / scales[g];
        }
        return ex.withFeatures(x);
    }

    /** @return standardize or min-max */
    public Scaling kind() {
        return kind;
    }

    /** @return the subtracted values (means or minima), one per feature or channel; a copy */
    public float[] offsets() {
        return offsets.clone();
    }

    /** @return the divisors (standard deviations or ranges), one per feature or channel; a copy */
    public float[] scales() {
        return scales.clone();
    }

    /** @return whether there is one offset and scale per channel of image samples, not per feature */
    public boolean perChannel() {
        return perChannel;
    }

    /** @return how many training examples the statistics come from */
    public int fittedOn() {
        return fittedOn;
    }

    /** E.g. {@code standardize per feature (4), fitted on 120 training examples: mean 5.84 … }. */
    @Override
    public String toString() {
        String what = kind == Scaling.STANDARDIZE ? "standardize" : "min-max";
        String[] words = kind == Scaling.STANDARDIZE ? new String[] {"mean", "sd"} : new String[] {"min", "range"};
        StringBuilder s = new StringBuilder(what).append(perChannel ? " per channel (" : " per feature (")
                .append(offsets.length).append("), fitted on ").append(Shapes.count(fittedOn))
                .append(" training examples: ");
        int shown = Math.min(offsets.length, 6);
        for (int g = 0; g < shown; g++) {
            s.append(g == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.3g %s %.3g", words[0], offsets[g],
                    words[1], scales[g]));
        }
        return s.append(offsets.length > shown ? "; …" : "").toString();
    }
}
