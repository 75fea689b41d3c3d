package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.engine.Torch;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Net;
import dev.layerwise.runtime.Layerwise;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread count a fit uses when nobody has set one: one thread for a step of fewer than
 * {@link Layerwise#SMALL_STEP} weights times batch size, PyTorch's default for a larger one, and
 * the default back after the fit; fewer threads while another program holds a core.
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

    @Test
    void whileAnotherProgramHoldsACoreAFitRunsOnTheOneLeftAndTakesTheSecondBackWhenItStops() {
        BusyCores cores = new BusyCores(Optional::empty, 2);
        for (int i = 0; i <= 2; i++) { // each quarter second: 50 ticks per CPU, 75 busy, 25 of them ours
            cores.record(new CpuTimes(75L * i, 100L * i, 25L * i, 2));
        }
        int before = Torch.threads();
        try {
            Torch.threads(2);
            try (FitThreads threads = FitThreads.choose(10_000_000, 32, cores)) {
                assertEquals(1, Torch.threads(), "one core is taken: one thread");
                for (int i = 3; i <= 5; i++) { // the other program stopped: only our own time
                    cores.record(new CpuTimes(150 + 25L * i, 100L * i, 25L * i, 2));
                }
                threads.beforeStep();
                assertEquals(2, Torch.threads(), "both cores free again");
                for (int i = 6; i <= 8; i++) {
                    cores.record(new CpuTimes(75L * i, 100L * i, 25L * i, 2));
                }
                threads.beforeStep();
                assertEquals(1, Torch.threads());
            }
            assertEquals(2, Torch.threads(), "the count from before the fit comes back");
            try (FitThreads fixed = FitThreads.choose(10_000_000, 32, null)) {
                fixed.beforeStep();
                assertEquals(2, Torch.threads(), "adaptation off: the count stays, whatever else runs");
            }
        } finally {
            Torch.threads(before);
        }
    }
}
