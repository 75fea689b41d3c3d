package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.data.NativeMirror;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A learner's training and evaluation sets are views of the set's native mirror, not copies: what
 * is written into the mirror is what the learner's array reads, every learner on the set reads the
 * same memory, batches are the copied batches to the bit, and closing one learner leaves the others'
 * data alone.
 */
@Tag("engine")
class SharedDataMirrorTest {

    private static Dataset blobs() {
        return Datasets.blobs(900, 3, 12, 1.0, 21).batchSize(32).seed(4);
    }

    private static NDArray features(Learner learner, Examples set) {
        return learner.state().deviceData(set).arrays()[0];
    }

    /** Writes a value into the mirror at a view's row and column, and puts the old one back when asked. */
    private static float poke(Examples view, int row, int column, float value) {
        ByteBuffer mirror = NativeMirror.features(view).memory();
        int at = (row * view.sampleSize() + column) * Float.BYTES;
        float old = mirror.getFloat(at);
        mirror.putFloat(at, value);
        return old;
    }

    @Test
    void aLearnersTrainingSetIsAViewOfTheMirrorNotACopy() {
        Dataset data = blobs();
        for (Examples view : new Examples[] {data.train(), data.train().slice(100, 400), data.train().subset(50)}) {
            Learner learner = Learner.of(Net.input(12).dense(3), Dataset.of(view)).quiet();
            NDArray x = features(learner, view);
            assertArrayEquals(view.features(), x.toFloatArray(), view + ": the same values");
            float old = poke(view, 7, 3, -999f);
            try {
                assertEquals(-999f, x.toFloatArray()[7 * 12 + 3], view + ": a write into the mirror shows in the array");
            } finally {
                poke(view, 7, 3, old);
            }
            assertArrayEquals(view.features(), x.toFloatArray(), view + ": restored");
            learner.close();
        }
    }

    @Test
    void aSplitsPartReadsTheWholeMirrorThroughItsRowsWithoutACopy() {
        Dataset data = blobs();
        Dataset split = data.withoutTest().split(0.75);
        Examples part = split.train();
        Learner learner = Learner.of(Net.input(12).dense(3), split).quiet();
        DeviceData d = learner.state().deviceData(part);
        NDArray x = d.arrays()[0];
        NativeMirror.Rows rows = NativeMirror.features(part);
        assertEquals(900, x.getShape().get(0), "the whole mirror (the 900 blobs the train and test sets view), not a"
                + " copy of the part's 540");
        int stored = rows.index()[7];
        ByteBuffer memory = rows.memory();
        float old = memory.getFloat((stored * 12 + 3) * Float.BYTES);
        memory.putFloat((stored * 12 + 3) * Float.BYTES, -777f);
        try {
            assertEquals(-777f, d.asStored().x(7, 8).toFloatArray()[3], "example 7's batch reads the mirror's row");
        } finally {
            memory.putFloat((stored * 12 + 3) * Float.BYTES, old);
        }
        assertArrayEquals(part.features(7), d.asStored().x(7, 8).toFloatArray(), "restored");
        learner.close();
    }

    @Test
    void aSplitSetsEpochsAndEvaluationsLeaveNothingBehind() {
        Dataset split = blobs().withoutTest().split(0.75).batchSize(20);
        Learner learner = Learner.of(Net.input(12).dense(3), split).quiet();
        learner.fit(1);
        learner.evaluate();
        int owned = learner.state().liveArrays();
        learner.fit(3);
        for (int i = 0; i < 5; i++) {
            learner.evaluate();
        }
        assertEquals(owned, learner.state().liveArrays(), "epochs' row orders and evaluations were all freed");
        learner.close();
    }

    @Test
    void twoLearnersOnOneSetReadTheSameMemory() {
        Dataset data = blobs();
        Learner a = Learner.of(Net.input(12).dense(3), data).quiet();
        Learner b = Learner.of(Net.input(12).dense(8).relu().dense(3), data.subset(600)).quiet();
        NDArray ax = features(a, data.train());
        NDArray bx = features(b, data.train().subset(600));
        ByteBuffer aMemory = ax.toByteBuffer(true).order(java.nio.ByteOrder.nativeOrder());
        float old = aMemory.getFloat(5 * Float.BYTES);
        aMemory.putFloat(5 * Float.BYTES, 4242f); // through learner a's array
        try {
            assertEquals(4242f, bx.toFloatArray()[5], "learner b reads what was written through learner a's array");
        } finally {
            aMemory.putFloat(5 * Float.BYTES, old);
        }
        a.close();
        b.close();
    }

    private static void assertSameBatches(DeviceData.Ordered expected, DeviceData.Ordered actual, int n, String what) {
        for (int from = 0; from < n; from += 64) {
            int to = Math.min(n, from + 64);
            DeviceData.Batch e = expected.batch(from, to);
            DeviceData.Batch a = actual.batch(from, to);
            assertArrayEquals(e.x().toFloatArray(), a.x().toFloatArray(), what + " inputs at " + from);
            NDArray labels = e.targets().labelsOrNull();
            if (labels != null) {
                assertArrayEquals(labels.toLongArray(), a.targets().labelsOrNull().toLongArray(), what + " labels");
            }
        }
    }

    @Test
    void everyViewGivesTheCopiedBatchesToTheBit() {
        Dataset data = blobs();
        Dataset split = data.withoutTest().split(0.75);
        Examples[] views = {data.train(), data.train().slice(33, 707), data.train().subset(500), split.train(),
            split.test().train(), data.test().train()};
        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope()) {
            for (Examples view : views) {
                int[] order = Dataset.of(view).seed(9).epochOrder(1);
                try (DeviceData copied = DeviceData.onHost(view, manager);
                        DeviceData shared = DeviceData.shared(view, manager, true)) {
                    assertSameBatches(copied.ordered(order), shared.ordered(order), view.size(), view + " shuffled");
                    assertSameBatches(copied.asStored(), shared.asStored(), view.size(), view + " as stored");
                }
            }
        }
    }

    @Test
    void closingOneLearnerLeavesAnotherTrainingOnTheSameSet() throws Exception {
        Dataset data = blobs();
        Net net = Net.input(12).dense(16).tanh().dense(3);
        Learner reference = Learner.of(net, data).optimizer(Optimizers.momentum(0.05, 0.9)).seed(3).quiet();
        reference.fit(4);
        Learner other = Learner.of(net, data).seed(8).quiet();
        other.fit(1);
        Learner learner = Learner.of(net, data).optimizer(Optimizers.momentum(0.05, 0.9)).seed(3).quiet();
        learner.fit(1);
        CompletableFuture<History> rest = CompletableFuture.supplyAsync(() -> learner.fit(3));
        other.close(); // while the learner trains on the same set
        rest.get();
        Map<String, float[]> expected = reference.parameters();
        learner.parameters().forEach((name, values) -> assertArrayEquals(expected.get(name), values, name));
        assertArrayEquals(data.train().features(), features(learner, data.train()).toFloatArray(),
                "the set the closed learner shared is intact");
        assertTrue(learner.evaluate().accuracy() > 0.5, "and the learner still evaluates on it");
        reference.close();
        learner.close();
    }
}
