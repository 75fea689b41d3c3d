package dev.layerwise.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.train.Learner;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Learners on one set share one native mirror of it; training on a view of the mirror gives exactly
 * the weights of training on a copy (the path a set too large for a mirror takes); and an epoch's
 * augmented images are never mirrored, so they are freed with their epoch.
 */
@Tag("engine")
class SharedMirrorTrainingTest {

    /** 1,200 labelled examples of 16 features in 3 classes, in a stored array of their own. */
    private static Dataset fresh() {
        int n = 1200;
        int width = 16;
        float[] x = new float[n * width];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < width; j++) {
                x[i * width + j] = (float) Math.sin(i * 0.71 + j * 1.3) + (j % 3 == y[i] ? 1.5f : 0f);
            }
        }
        Examples all = Examples.of("mirror-training", x, new int[] {width}, y, 3);
        return Dataset.of(all.slice(0, 1000), all.slice(1000, 1200)).batchSize(25).seed(6);
    }

    private static Map<String, float[]> trained(Dataset data) {
        Learner learner = Learner.of(Net.input(16).dense(12).relu().dense(3), data)
                .optimizer(Optimizers.momentum(0.05, 0.9)).seed(17).quiet();
        learner.fit(2);
        Map<String, float[]> weights = learner.parameters();
        learner.close();
        return weights;
    }

    @Test
    void twoLearnersOnOneSetMakeOneMirrorOfIt() {
        Dataset data = fresh();
        int before = NativeMirror.MADE.get();
        Learner a = Learner.of(Net.input(16).dense(3), data).quiet();
        Learner b = Learner.of(Net.input(16).dense(8).relu().dense(3), data.subset(400)).quiet();
        a.fit(1);
        b.fit(1);
        a.evaluate();
        b.evaluate();
        assertEquals(before + 1, NativeMirror.MADE.get(),
                "training and test sets of two learners are views of one array: one mirror");
        a.close();
        b.close();
    }

    @Test
    void trainingOnMirrorViewsGivesTheWeightsOfTrainingOnCopies() {
        Map<String, Function<Dataset, Dataset>> views = Map.of(
                "whole", d -> d,
                "subset", d -> d.subset(700),
                "slice", d -> Dataset.of(d.train().slice(150, 850), d.testExamples()).batchSize(25).seed(6),
                "split", d -> d.withoutTest().split(0.8));
        views.forEach((name, view) -> {
            Map<String, float[]> onMirror = trained(view.apply(fresh()));
            long limit = NativeMirror.maxBytes;
            Map<String, float[]> onCopies;
            try {
                NativeMirror.maxBytes = 0; // the fallback for sets too large for a mirror: copied per learner
                Dataset copied = view.apply(fresh());
                assertNull(NativeMirror.features(copied.train().slice(0, 1)), "no mirror under the lowered limit");
                onCopies = trained(copied);
            } finally {
                NativeMirror.maxBytes = limit;
            }
            onCopies.forEach((p, w) -> assertArrayEquals(onMirror.get(p), w, name + ": " + p));
        });
    }

    private static int engineArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    void augmentedEpochsAreNeverMirrored() {
        int n = 300;
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 31 % 17) / 17f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        Dataset data = Dataset.of(Examples.of("augmented", x, new int[] {1, 8, 8}, y, 2)).batchSize(50)
                .augment(Augment.flip(), Augment.crop(1));
        Learner learner = Learner.of(Net.input(1, 8, 8).flatten().dense(2), data).quiet();
        learner.fit(1);
        int arrays = engineArrays();
        int mirrors = NativeMirror.MADE.get();
        learner.fit(3);
        assertEquals(mirrors, NativeMirror.MADE.get(), "three augmented epochs, no mirror made for any of them");
        // engine-wide, other tests' unreachable learners may be freed meanwhile: the count must not grow
        assertTrue(engineArrays() <= arrays, "each epoch's copy was freed with its epoch");
        learner.close();
    }
}
