package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.data.Examples;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.runtime.Layerwise;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A fresh learner's data goes into native memory in the background when the learner is made (a view
 * of the set's shared mirror, or one bulk copy per array); until it is there, the first steps gather
 * their batches on the host. Every path gives the same batches, so training is the same whichever path
 * a step took.
 */
@Tag("engine")
class FirstEpochDataCopyTest {

    private static void assertSameValues(NDArray expected, NDArray actual, String what) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape(), what + ": shape");
        assertTrue(expected.contentEquals(actual), what + ": values");
    }

    private static void assertSameBatch(DeviceData.Batch expected, DeviceData.Batch actual, String what) {
        assertSameValues(expected.x(), actual.x(), what + " inputs");
        NDArray labels = expected.targets().labelsOrNull();
        if (labels != null) {
            assertSameValues(labels, actual.targets().labelsOrNull(), what + " labels");
        }
    }

    @Test
    void hostBatchesEqualTheNativeCopysBatchesBeforeAndAfterTheSwitch() {
        Layerwise.engine();
        Dataset data = Datasets.fashionMnist().subset(1000).batchSize(64).images();
        Examples examples = data.train();
        int[] order = data.epochOrder(0);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope();
                DeviceData stored = new DeviceData(examples, manager, Device.cpu(), false)) {
            DeviceData.Ordered reference = stored.ordered(order);
            DataUpload upload = DataUpload.onDemand(examples, manager);
            try (EpochBatches batches = new EpochBatches(examples, order, manager, upload, null)) {
                for (int from = 0; from < 320; from += 64) {
                    assertSameBatch(reference.batch(from, from + 64), batches.batch(from, from + 64), "host batch at " + from);
                    assertTrue(batches.onHost(), "no copy yet: gathered on the host");
                }
                upload.await(); // the copy is made now
                assertSameBatch(reference.batch(320, 384), batches.batch(320, 384), "batch after the switch");
                assertFalse(batches.onHost(), "switched to the native copy");
                assertSameBatch(reference.batch(960, 1000), batches.batch(960, 1000), "the short last batch");
            }
            upload.cancel();
        }
    }

    @Test
    void theCopyStartsWhenTheLearnerIsMadeBeforeAnyFit() throws InterruptedException {
        Dataset data = Datasets.fashionMnist().subset(5000);
        Learner learner = Learner.of(Net.input(784).dense(10), data);
        DataUpload upload = learner.state().upload(data.train());
        long deadline = System.nanoTime() + 60_000_000_000L; // generous: the machine may be busy
        while (!upload.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(upload.isDone(), "the training set was copied without a fit");
        while (!learner.state().upload(data.test().train()).isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(learner.state().upload(data.test().train()).isDone(), "the test set was copied after it");
        assertEquals(0, learner.step(), "nothing was trained to get there");
        learner.close();
    }

    @Test
    void closingALearnerWhileItsDataIsCopiedWaitsForTheCopyAndDropsIt() {
        Dataset data = Datasets.fashionMnist();
        Learner learner = Learner.of(Net.input(784).dense(10), data);
        DataUpload train = learner.state().upload(data.train());
        learner.close(); // the copy is under way, or queued
        assertTrue(train.isDone(), "close waited for the copy under way, or dropped it before it began");
        String message = assertThrows(IllegalStateException.class, train::await).getMessage();
        assertTrue(message.contains("dropped"), message);
        Learner next = Learner.of(Net.input(784).dense(10), data.subset(500)).quiet();
        next.fit(1); // the copier thread serves the next learner
        assertEquals(1, next.epoch());
        next.close();
    }

    @Test
    void aFirstEpochOnHostBatchesTrainsExactlyAsOneOnTheNativeCopy() {
        Dataset data = Datasets.fashionMnist().subset(3000).batchSize(50).seed(3);
        Net net = Net.input(784).dense(32).relu().dense(10);
        Learner ready = Learner.of(net, data).optimizer(Optimizers.momentum(0.05, 0.9)).seed(11).validate(false).quiet();
        ready.state().deviceData(data.train()); // waits for the copy: every batch comes from native memory
        ready.fit(1);
        Learner onHost = Learner.of(net, data).optimizer(Optimizers.momentum(0.05, 0.9)).seed(11).validate(false).quiet();
        onHost.state().copyOnDemand(data.train()); // no copy until the epoch ends: every batch from the host
        onHost.fit(1);
        Map<String, float[]> expected = ready.parameters();
        onHost.parameters().forEach((name, values) -> assertArrayEquals(expected.get(name), values, name));
        ready.close();
        onHost.close();
    }
}
