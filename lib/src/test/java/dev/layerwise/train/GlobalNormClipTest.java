package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.engine.HostReads;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.GradientCharts;
import dev.layerwise.stats.GradientLog;
import dev.layerwise.stats.Gradients;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Clipping by global norm with PyTorch's {@code clip_grad_norm_} semantics, against a hand
 * computation over every gradient; the norm before clipping recorded by the gradient watch; and
 * no value read back from native memory when nothing records it.
 */
@Tag("engine")
class GlobalNormClipTest {
    private static final Net NET = Net.input(6).dense(8).sigmoid().dense(8).sigmoid().dense(3)
            .init(Init.normal(0, 1));

    private static Learner learner(Optimizer opt) {
        Dataset data = Datasets.blobs(120, 3, 6, 1.0, 3).batchSize(12).shuffle(false);
        Learner l = Learner.of(NET, data).optimizer(opt).validate(false).quiet();
        l.removeCallback("checkpoint");
        return l;
    }

    /** The L2 norm of all the gradients as one vector, in double precision. */
    private static double globalNorm(Map<String, float[]> grads, String... leaveOut) {
        double sum = 0;
        for (Map.Entry<String, float[]> e : grads.entrySet()) {
            if (java.util.List.of(leaveOut).stream().anyMatch(l -> e.getKey().startsWith(l + "."))) {
                continue;
            }
            for (float g : e.getValue()) {
                sum += (double) g * g;
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void allGradientsAreScaledTogetherByMaxNormOverTheirGlobalNorm() {
        Learner l = learner(Optimizers.sgd(0.5).clipGradNorm(0.05));
        Map<String, float[]> w0 = l.parameters();
        Map<String, float[]> g = Steps.one(l);
        Map<String, float[]> w1 = l.parameters();
        double norm = globalNorm(g);
        double scale = 0.05 / (norm + 1e-6);
        assertTrue(scale < 0.5, "the bound is well below the norm " + norm + ", so clipping acts");
        for (String p : g.keySet()) {
            for (int i = 0; i < g.get(p).length; i++) {
                assertEquals(-0.5 * scale * g.get(p)[i], w1.get(p)[i] - w0.get(p)[i], 1e-6, p + "[" + i + "]");
            }
        }
    }

    @Test
    void underTheBoundNothingChangesBitForBit() {
        Learner clipped = learner(Optimizers.momentum(0.1, 0.9).clipGradNorm(1e6));
        Learner plain = learner(Optimizers.momentum(0.1, 0.9));
        clipped.fit(2);
        plain.fit(2);
        plain.parameters().forEach((p, v) -> assertArrayEquals(v, clipped.parameters().get(p), p));
    }

    @Test
    void frozenLayersAreLeftOutOfTheNormAsParametersWithoutGradientsAreInPyTorch() {
        Learner l = learner(Optimizers.sgd(0.5).clipGradNorm(0.05)).freeze("dense_1");
        Map<String, float[]> w0 = l.parameters();
        Map<String, float[]> g = Steps.one(l);
        Map<String, float[]> w1 = l.parameters();
        double scale = 0.05 / (globalNorm(g, "dense_1") + 1e-6);
        assertArrayEquals(w0.get("dense_1.weight"), w1.get("dense_1.weight"), "frozen");
        for (int i = 0; i < g.get("dense_3.weight").length; i++) {
            assertEquals(-0.5 * scale * g.get("dense_3.weight")[i],
                    w1.get("dense_3.weight")[i] - w0.get("dense_3.weight")[i], 1e-6);
        }
    }

    @Test
    void normClippingComesBeforeValueClipping() {
        Learner l = learner(Optimizers.sgd(0.5).clipGradNorm(0.5).clip(0.01));
        Map<String, float[]> w0 = l.parameters();
        Map<String, float[]> g = Steps.one(l);
        Map<String, float[]> w1 = l.parameters();
        double scale = Math.min(1, 0.5 / (globalNorm(g) + 1e-6));
        for (String p : g.keySet()) {
            for (int i = 0; i < g.get(p).length; i++) {
                double clipped = Math.max(-0.01, Math.min(0.01, scale * g.get(p)[i]));
                assertEquals(-0.5 * clipped, w1.get(p)[i] - w0.get(p)[i], 1e-6, p + "[" + i + "]");
            }
        }
    }

    @Test
    void theWatchRecordsTheNormBeforeClippingInTheLogCsvAndChart() {
        Learner l = learner(Optimizers.sgd(0.5).clipGradNorm(0.05)).watch(Gradients.perLayer().every(1));
        Map<String, float[]> g = Steps.one(l);
        GradientLog log = l.gradients();
        assertEquals(1, log.gradNorm().length);
        assertEquals(1, log.gradNormSteps()[0]);
        double norm = globalNorm(g);
        assertEquals(norm, log.gradNorm()[0], 1e-5 * norm, "the norm before clipping, not 0.05");
        assertTrue(log.toCsv().contains("\n1,1,global,all,grad_norm,"), log.toCsv());
        assertEquals(log.gradNorm()[0], GradientLog.fromCsv(log.toCsv()).gradNorm()[0], 0);
        assertEquals(java.util.List.of("dense_1", "dense_2", "dense_3"), log.layers(), "not a layer");
        assertTrue(HistoryCharts.lossAndGradients(l.history(), log, l.history().markers()).seriesNames()
                .contains("all (global, before clipping) (EMA)"), "smoothed by default");
        assertTrue(GradientCharts.gradNorm(log).seriesNames().contains(GradientLog.GLOBAL));
        double probed = l.gradientsOn(l.data().subset(24)).gradNorm()[0];
        assertTrue(probed > 0 && Double.isFinite(probed), "gradientsOn measures it too: " + probed);
    }

    @Test
    void clippingReadsNothingBackFromNativeMemory() {
        Learner l = learner(Optimizers.sgd(0.5).clipGradNorm(0.05));
        l.callbackNames().forEach(l::removeCallback);
        l.fit(1); // the data is copied to native memory on first use, outside the count below
        long before = HostReads.total();
        l.fit(2);
        assertEquals(before, HostReads.total(), "no reads in 16 clipped steps without callbacks");
    }
}
