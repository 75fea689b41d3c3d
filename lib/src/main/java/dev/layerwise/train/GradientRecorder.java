package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;
import dev.layerwise.stats.Histogram;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code "gradients"} callback. On a sampled step it reads each gradient after backward and
 * each weight after the update straight from the engine's memory (no extra native operations on
 * the CPU) and computes the statistics in one pass over the values in Java. Weights before the
 * update are the previous sample's weights after it when sampling consecutive steps, otherwise a
 * copy taken after backward. Activation statistics, when asked for, come from one probe forward
 * pass read back in one transfer.
 */
final class GradientRecorder implements Callback {
    private final GradientWatch watch;
    private final GradientLog log = new GradientLog();
    private final ActivationProbe probe;
    private List<String> names = List.of();
    private float[][] before = new float[0][];
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
            before = new float[names.size()][];
            beforeStep = -1;
        }
        boolean haveBefore = beforeStep == step.step() - 1;
        boolean histograms = histogramStep(step.step());
        gradientStats = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            FloatBuffer g = Values.of(step.gradient(name));
            gradientStats[i] = gradientStats(g);
            if (histograms) {
                log.add(Histogram.of(step.step(), step.epoch(), layer(name), param(name), Histogram.GRADIENT,
                        Values.copy(g, null), 0, g.limit(), watch.histogramBins()));
            }
            if (!haveBefore) {
                before[i] = Values.copy(Values.of(params.get(name)), before[i]);
            }
        }
        if (probe != null) {
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                pass = probe.run(step);
            } finally {
                JniUtils.setGradMode(grad);
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
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            FloatBuffer w = Values.of(params.get(name));
            float[] old = before[i];
            double wSq = 0;
            double dSq = 0;
            for (int k = 0, n = w.limit(); k < n; k++) {
                float x = w.get(k);
                double d = x - old[k];
                wSq += (double) x * x;
                dSq += d * d;
                old[k] = x; // the weights before the next step
            }
            double[] g = gradientStats[i];
            String layer = layer(name);
            String param = param(name);
            double weightNorm = Math.sqrt(wSq);
            add(stepNo, epoch, layer, param, GradientLog.NORM, g[0]);
            add(stepNo, epoch, layer, param, GradientLog.MEAN_ABS, g[1]);
            add(stepNo, epoch, layer, param, GradientLog.STD, g[2]);
            add(stepNo, epoch, layer, param, GradientLog.MAX_ABS, g[3]);
            add(stepNo, epoch, layer, param, GradientLog.WEIGHT_NORM, weightNorm);
            add(stepNo, epoch, layer, param, GradientLog.UPDATE_RATIO,
                    weightNorm > 0 ? Math.sqrt(dSq) / weightNorm : Double.NaN);
            if (histograms) {
                log.add(Histogram.of(stepNo, epoch, layer, param, Histogram.WEIGHT, old, 0, old.length,
                        watch.histogramBins()));
            }
        }
        beforeStep = stepNo;
        if (pass != null) {
            pass.record(log, stepNo, epoch);
            pass = null;
        }
    }

    private boolean histogramStep(long step) {
        return watch.histogramBins() > 0 && (step - 1) % watch.histogramEvery() == 0;
    }

    /** L2 norm, mean |g|, std (population) and max |g|, in one pass. */
    private static double[] gradientStats(FloatBuffer g) {
        int n = g.limit();
        double sum = 0;
        double sumAbs = 0;
        double sumSq = 0;
        double maxAbs = 0;
        for (int k = 0; k < n; k++) {
            double x = g.get(k);
            double a = Math.abs(x);
            sum += x;
            sumAbs += a;
            sumSq += x * x;
            maxAbs = Math.max(maxAbs, a);
        }
        double mean = sum / n;
        double var = Math.max(0, sumSq / n - mean * mean);
        return new double[] {Math.sqrt(sumSq), sumAbs / n, Math.sqrt(var), maxAbs};
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
