package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.HostReads;
import dev.layerwise.engine.Torch;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;
import dev.layerwise.stats.Histogram;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code "gradients"} callback. On a sampled step it reads all gradients after backward, and
 * all weights after the update, end to end into one Java array each: on the CPU straight from the
 * engine's memory (no native operation), on a GPU in one transfer per set (the engine lays the set
 * end to end first, so a step waits for the device twice however many parameters the net has). It
 * computes the statistics in one pass over the values in Java, the global norm of all
 * gradients before clipping ({@code grad_norm}, frozen layers left out) among them. Weights before the
 * update are the previous sample's weights after it when sampling consecutive steps, otherwise a
 * copy taken after backward. Activation statistics, when asked for, come from one probe forward
 * pass read back in one transfer.
 */
final class GradientRecorder implements Callback {
    private final GradientWatch watch;
    private final GradientLog log = new GradientLog();
    private final ActivationProbe probe;
    private List<String> names = List.of();
    private final Map<NDArray, FloatBuffer> views = new IdentityHashMap<>();
    private int[] offsets = new int[1]; // parameter i's values are [offsets[i], offsets[i + 1]) of a flat read
    private float[] before = new float[0]; // every weight before the update, end to end
    private float[] spare = new float[0]; // reused for the gradients, then the next weights
    private long beforeStep = -1;
    private boolean sampled;
    private double[][] gradientStats;
    private ActivationProbe.Pass pass;

    GradientRecorder(GradientWatch watch) {
        this.watch = watch;
        this.probe = watch.recordsActivations() ? new ActivationProbe() : null;
    }

    GradientLog log() {
        return log;
    }

    GradientWatch watch() {
        return watch;
    }

    @Override
    public void fitStarted(Learner learner, int epochs, long stepsPlanned) {
        beforeStep = -1; // weights may have changed between fits
        views.clear();
    }

    @Override
    public void afterBackward(StepContext step) {
        sampled = (step.step() - 1) % watch.every() == 0;
        pass = null;
        if (!sampled) {
            return;
        }
        Map<String, NDArray> params = step.parameters();
        if (!names.equals(new ArrayList<>(params.keySet()))) {
            names = new ArrayList<>(params.keySet());
            beforeStep = -1;
        }
        if (beforeStep == -1) { // the names or the shapes may have changed (a new learner, a load)
            offsets = new int[names.size() + 1];
            for (int i = 0; i < names.size(); i++) {
                offsets[i + 1] = Math.addExact(offsets[i], Math.toIntExact(params.get(names.get(i)).size()));
            }
        }
        boolean haveBefore = beforeStep == step.step() - 1;
        boolean histograms = histogramStep(step.step());
        gradientStats = new double[names.size()][];
        List<NDArray> gradients = new ArrayList<>(names.size());
        for (String name : names) {
            gradients.add(step.gradient(name));
        }
        // One bulk copy of one flat read, then plain array loops: much faster than element reads through a view.
        float[] values = spare = readAll(gradients, spare);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int from = offsets[i];
            int n = offsets[i + 1] - from;
            gradientStats[i] = gradientStats(values, from, n);
            if (histograms) {
                log.add(Histogram.of(step.step(), step.epoch(), layer(name), param(name), Histogram.GRADIENT,
                        values, from, n, watch.histogramBins()));
            }
        }
        if (!haveBefore) {
            before = readAll(weights(params), before);
        }
        if (probe != null) {
            try (Torch.NoGrad ignored = Torch.noGrad()) {
                pass = probe.run(step);
            }
        }
    }

    @Override
    public void stepEnded(StepRecord record, StepContext step) {
        if (!sampled) {
            return;
        }
        sampled = false;
        long stepNo = step.step();
        int epoch = step.epoch();
        Map<String, NDArray> params = step.parameters();
        boolean histograms = histogramStep(stepNo);
        Set<String> frozen = step.learner().frozenLayers();
        double globalSq = 0;
        float[] w = readAll(weights(params), spare);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int from = offsets[i];
            int n = offsets[i + 1] - from;
            double[] sums = weightAndUpdateSquares(w, before, from, n);
            double wSq = sums[0];
            double dSq = sums[1];
            double[] g = gradientStats[i];
            String layer = layer(name);
            String param = param(name);
            if (!frozen.contains(layer)) {
                globalSq += g[0] * g[0];
            }
            double weightNorm = Math.sqrt(wSq);
            add(stepNo, epoch, layer, param, GradientLog.NORM, g[0]);
            add(stepNo, epoch, layer, param, GradientLog.MEAN_ABS, g[1]);
            add(stepNo, epoch, layer, param, GradientLog.STD, g[2]);
            add(stepNo, epoch, layer, param, GradientLog.MAX_ABS, g[3]);
            add(stepNo, epoch, layer, param, GradientLog.WEIGHT_NORM, weightNorm);
            add(stepNo, epoch, layer, param, GradientLog.UPDATE_RATIO,
                    weightNorm > 0 ? Math.sqrt(dSq) / weightNorm : Double.NaN);
            if (histograms) {
                log.add(Histogram.of(stepNo, epoch, layer, param, Histogram.WEIGHT, w, from, n, watch.histogramBins()));
            }
        }
        // these weights are the next step's "before": swap the arrays instead of copying
        spare = before;
        before = w;
        // the gradients were read before the update, so this is the norm before any clipping
        add(stepNo, epoch, GradientLog.GLOBAL, GradientLog.ALL, GradientLog.GRAD_NORM, Math.sqrt(globalSq));
        beforeStep = stepNo;
        if (pass != null) {
            pass.record(log, stepNo, epoch);
            pass = null;
        }
    }

    private boolean histogramStep(long step) {
        return watch.histogramBins() > 0 && (step - 1) % watch.histogramEvery() == 0;
    }

    private List<NDArray> weights(Map<String, NDArray> params) {
        List<NDArray> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(params.get(name));
        }
        return out;
    }

    /**
     * The arrays' values end to end, into {@code into} when it has the right length: on the CPU a
     * bulk copy from a view of each array (cheaper than concatenating natively first: about 10 µs
     * against 40 µs for the sigmoid net's eight arrays), elsewhere one concatenation and one transfer.
     */
    private float[] readAll(List<NDArray> arrays, float[] into) {
        int total = offsets[offsets.length - 1];
        float[] out = into != null && into.length == total ? into : new float[total];
        if ("cpu".equals(arrays.get(0).getDevice().getDeviceType())) {
            for (int i = 0; i < arrays.size(); i++) {
                copy(view(arrays.get(i)), out, offsets[i], offsets[i + 1] - offsets[i]);
            }
        } else {
            try (NDArray flat = Torch.flatConcat(arrays)) {
                copy(Values.of(flat), out, 0, total);
            }
        }
        return out;
    }

    /**
     * A view of a CPU array's memory, made once per array and fit: weights change in place and
     * each gradient handle keeps its tensor, which libtorch accumulates into, so the memory stays
     * where it was (making a view costs three native calls).
     */
    private FloatBuffer view(NDArray a) {
        FloatBuffer v = views.get(a);
        if (v == null || a.isReleased()) {
            v = Values.of(a);
            views.put(a, v);
        } else {
            HostReads.record();
        }
        return v;
    }

    private static void copy(FloatBuffer values, float[] out, int from, int n) {
        if (values.limit() != n) {
            throw new IllegalStateException("A parameter holds " + values.limit() + " values where the recorder expected "
                    + n + "; parameters changed size within a fit.");
        }
        values.get(0, out, from, n);
    }

    /**
     * Values summed in float before a block's sums join the double totals: float sums of a few
     * hundred values lose nothing that matters for these statistics (relative error about 1e-7),
     * and float arithmetic without conversions runs about twice as fast as summing in double.
     */
    private static final int BLOCK = 512;

    /**
     * L2 norm, mean |g|, std (population) and max |g| of n values from {@code from}, in one pass. Four
     * independent accumulators per sum keep the additions from waiting on each other.
     */
    static double[] gradientStats(float[] g, int from, int n) {
        double sum = 0, sumAbs = 0, sumSq = 0;
        float maxAbs = 0;
        for (int k = from; k < from + n; ) {
            int end = Math.min(from + n, k + BLOCK);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            float q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            float m0 = 0, m1 = 0, m2 = 0, m3 = 0;
            for (; k + 3 < end; k += 4) {
                float x0 = g[k], x1 = g[k + 1], x2 = g[k + 2], x3 = g[k + 3];
                s0 += x0; s1 += x1; s2 += x2; s3 += x3;
                float y0 = Math.abs(x0), y1 = Math.abs(x1), y2 = Math.abs(x2), y3 = Math.abs(x3);
                a0 += y0; a1 += y1; a2 += y2; a3 += y3;
                q0 += x0 * x0; q1 += x1 * x1; q2 += x2 * x2; q3 += x3 * x3;
                // a compare, not Math.max: its NaN and -0.0 rules cost more than the rest of the loop (NaN comes back below)
                m0 = y0 > m0 ? y0 : m0; m1 = y1 > m1 ? y1 : m1; m2 = y2 > m2 ? y2 : m2; m3 = y3 > m3 ? y3 : m3;
            }
            for (; k < end; k++) {
                float x = g[k];
                s0 += x;
                a0 += Math.abs(x);
                q0 += x * x;
                float y = Math.abs(x);
                m0 = y > m0 ? y : m0;
            }
            sum += (s0 + s1) + (s2 + s3);
            sumAbs += (a0 + a1) + (a2 + a3);
            sumSq += (q0 + q1) + (q2 + q3);
            maxAbs = Math.max(maxAbs, Math.max(Math.max(m0, m1), Math.max(m2, m3)));
        }
        double mean = sum / n;
        double var = Math.max(0, sumSq / n - mean * mean);
        // Σ|g| is NaN exactly when some g is (absolute values never cancel), and then so is max |g|
        return new double[] {Math.sqrt(sumSq), sumAbs / n, Math.sqrt(var), Double.isNaN(sumAbs) ? Double.NaN : maxAbs};
    }

    /** Σ w² and Σ (w − old)² over n values from {@code from}, blocked and with independent accumulators as above. */
    private static double[] weightAndUpdateSquares(float[] w, float[] old, int from, int n) {
        double wSq = 0, dSq = 0;
        for (int k = from; k < from + n; ) {
            int end = Math.min(from + n, k + BLOCK);
            float w0 = 0, w1 = 0, w2 = 0, w3 = 0;
            float d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            for (; k + 3 < end; k += 4) {
                float x0 = w[k], x1 = w[k + 1], x2 = w[k + 2], x3 = w[k + 3];
                float e0 = x0 - old[k], e1 = x1 - old[k + 1], e2 = x2 - old[k + 2], e3 = x3 - old[k + 3];
                w0 += x0 * x0; w1 += x1 * x1; w2 += x2 * x2; w3 += x3 * x3;
                d0 += e0 * e0; d1 += e1 * e1; d2 += e2 * e2; d3 += e3 * e3;
            }
            for (; k < end; k++) {
                float x = w[k];
                float e = x - old[k];
                w0 += x * x;
                d0 += e * e;
            }
            wSq += (w0 + w1) + (w2 + w3);
            dSq += (d0 + d1) + (d2 + d3);
        }
        return new double[] {wSq, dSq};
    }

    private static String layer(String full) {
        int dot = full.lastIndexOf('.');
        return dot < 0 ? full : full.substring(0, dot);
    }

    private static String param(String full) {
        int dot = full.lastIndexOf('.');
        return dot < 0 ? "value" : full.substring(dot + 1);
    }

    private void add(long step, int epoch, String layer, String param, String metric, double value) {
        log.add(new GradientLog.Row(step, epoch, layer, param, metric, value));
    }
}
