package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread count a fit uses when nobody has set one: one thread for a step of fewer than
 * {@link Layerwise#SMALL_STEP} weights times batch size, PyTorch's default for a larger one, and
 * the default back after the fit.
 */
@Tag("engine")
class FitThreadsTest {
    /** The intra-op threads seen inside the fit's first step. */
    private static int threadsDuringFit(Net net, int batchSize) {
        Dataset data = Datasets.blobs(4 * batchSize, 3, 20, 1.0, 3).batchSize(batchSize);
        Learner l = Learner.of(net, data).validate(false).quiet();
        l.removeCallback("checkpoint");
        AtomicInteger seen = new AtomicInteger();
        l.on(Event.BATCH_START, ctx -> seen.compareAndSet(0, Layerwise.threads()));
        l.fit(1);
        return seen.get();
    }

    @Test
    void aSmallStepTrainsOnOneThreadAndTheDefaultComesBackAfter() {
        assumeFalse(Layerwise.threadsSet(), "a thread count was set for this JVM; fits keep it");
        int before = Layerwise.threads();
        assumeTrue(before > 1, "PyTorch's default is already one thread here");
        // 20·30 + 30 + 30·3 + 3 = 723 weights × batch 10: far under the threshold
        assertEquals(1, threadsDuringFit(Net.input(20).dense(30).sigmoid().dense(3), 10));
        assertEquals(before, Layerwise.threads());
    }

    @Test
    void aLargeStepKeepsTheDefault() {
        assumeFalse(Layerwise.threadsSet(), "a thread count was set for this JVM; fits keep it");
        int before = Layerwise.threads();
        // 20·2000 + 2000 + 2000·3 + 3 = 48,003 weights × batch 32 = 1.5 million
        assertEquals(before, threadsDuringFit(Net.input(20).dense(2000).relu().dense(3), 32));
    }
}
