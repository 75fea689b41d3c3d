package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.GradientWatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code "gradients"} callback: after backward, on sampled steps, measures every gradient on
 * the device and reads all the numbers back in one transfer.
 */
final class GradientRecorder implements Callback {
    private final GradientWatch watch;
    private final GradientLog log = new GradientLog();

    GradientRecorder(GradientWatch watch) {
        this.watch = watch;
    }

    GradientLog log() {
        return log;
    }

    @Override
    public void afterBackward(StepContext step) {
        if ((step.step() - 1) % watch.every() != 0) {
            return;
        }
        List<String> names = new ArrayList<>();
        NDList stats = new NDList();
        for (Map.Entry<String, NDArray> p : step.parameters().entrySet()) {
            NDArray g = step.gradient(p.getKey());
            names.add(p.getKey());
            stats.add(g.norm().reshape(1));
            stats.add(g.abs().mean().reshape(1));
        }
        float[] values = NDArrays.concat(stats).toFloatArray();
        for (int i = 0; i < names.size(); i++) {
            String full = names.get(i);
            int dot = full.lastIndexOf('.');
            String layer = full.substring(0, dot);
            String param = full.substring(dot + 1);
            log.add(new GradientLog.Row(step.step(), step.epoch(), layer, param, GradientLog.NORM, values[2 * i]));
            log.add(new GradientLog.Row(step.step(), step.epoch(), layer, param, GradientLog.MEAN_ABS, values[2 * i + 1]));
        }
    }
}
