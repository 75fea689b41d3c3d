package dev.layerwise.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer statistics Layerwise's recorder keeps, written by hand for the DJL baseline: per
 * parameter the gradient's L2 norm, mean |g|, std and max |g| after backward, then the weight norm
 * and the update ratio |Δw| / |w| after the step.
 */
final class StatsByHand {
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<float[]> before = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();

    StatsByHand(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p.getValue());
        }
    }

    void afterBackward() {
        before.clear();
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            float[] g = w.getGradient().toFloatArray();
            double sum = 0;
            double sumAbs = 0;
            double sumSq = 0;
            double max = 0;
            for (float v : g) {
                sum += v;
                sumAbs += Math.abs(v);
                sumSq += (double) v * v;
                max = Math.max(max, Math.abs(v));
            }
            double mean = sum / g.length;
            rows.add(new double[] {Math.sqrt(sumSq), sumAbs / g.length,
                    Math.sqrt(Math.max(0, sumSq / g.length - mean * mean)), max});
            before.add(w.toFloatArray());
        }
    }

    void afterStep() {
        for (int i = 0; i < parameters.size(); i++) {
            float[] w = parameters.get(i).getArray().toFloatArray();
            float[] old = before.get(i);
            double wSq = 0;
            double dSq = 0;
            for (int k = 0; k < w.length; k++) {
                double d = w[k] - old[k];
                wSq += (double) w[k] * w[k];
                dSq += d * d;
            }
            rows.add(new double[] {Math.sqrt(wSq), Math.sqrt(dSq) / Math.sqrt(wSq)});
        }
    }

    int recorded() {
        return rows.size();
    }
}
