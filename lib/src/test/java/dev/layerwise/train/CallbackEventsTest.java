package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.engine.HostReads;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The callback API: the exact order of events, lambdas, stopping from a callback, failures named. */
@Tag("engine")
class CallbackEventsTest {
    private static final Net NET = Net.input(2).dense(8).tanh().dense(2);

    /** 40 examples, 32 to train on in batches of 16 (two per epoch), 8 to test. */
    private static Learner learner() {
        Dataset data = Datasets.twoMoons(40, 0.1, 3).batchSize(16);
        return Learner.of(NET, data).quiet().optimizer(Optimizers.sgd(0.1));
    }

    @Test
    void eventsComeInTheDocumentedOrder() {
        Learner l = learner();
        List<String> seen = new ArrayList<>();
        l.callback("recorder", new Callback() {
            @Override
            public void on(Event event, TrainingContext ctx) {
                seen.add(event + (event == Event.BATCH_START ? " " + ctx.epoch() + "." + ctx.batch() : ""));
            }
        });
        l.fit(2);
        List<String> epoch1 = List.of("EPOCH_START", "BATCH_START 1.1", "AFTER_BACKWARD", "STEP_END",
                "BATCH_START 1.2", "AFTER_BACKWARD", "STEP_END", "EPOCH_MEASURE", "VALIDATION_END", "EPOCH_END");
        List<String> expected = new ArrayList<>();
        expected.add("FIT_START");
        expected.addAll(epoch1);
        epoch1.forEach(e -> expected.add(e.replace(" 1.", " 2.")));
        expected.add("FIT_END");
        assertEquals(expected, seen);
    }

    @Test
    void typedMethodsRunBeforeTheGenericOneAtEachEvent() {
        Learner l = learner().validate(false);
        List<String> seen = new ArrayList<>();
        l.callback("typed", new Callback() {
            @Override
            public void batchStarted(StepContext step) {
                seen.add("batchStarted " + step.step());
            }

            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                seen.add("stepEnded " + record.step());
            }

            @Override
            public void on(Event event, TrainingContext ctx) {
                if (event == Event.BATCH_START || event == Event.STEP_END) {
                    seen.add("on " + event);
                }
            }
        });
        l.fit(1);
        assertEquals(List.of("batchStarted 1", "on BATCH_START", "stepEnded 1", "on STEP_END", "batchStarted 2",
                "on BATCH_START", "stepEnded 2", "on STEP_END"), seen);
    }

    @Test
    void aLambdaStopsTrainingWhenTheLossIsLowAndTheHistoryShowsWhere() {
        Learner l = learner();
        l.on(Event.STEP_END, ctx -> {
            if (ctx.step() == 3) {
                ctx.stop("reached step 3");
            }
        });
        History h = l.fit(5);
        assertTrue(h.stopped());
        assertEquals("reached step 3", h.stopReason());
        assertEquals(3, h.steps().size(), "steps 1-3 ran, step 4 did not start");
        assertEquals(3, l.step());
        assertEquals(2, h.epochs().size(), "epoch 1 complete, epoch 2 recorded as stopped");
        assertTrue(h.epochs().get(0).complete());
        assertFalse(h.epochs().get(1).complete());
        assertFalse(Interrupts.stopRequested(), "the process-wide stop flag is untouched");
        History next = l.fit(1);
        assertFalse(next.stopped(), "the stop belonged to the earlier fit only");
        assertEquals(2, next.steps().size());
    }

    @Test
    void stopFitFromATypedCallbackEndsTheFitAtTheNextBatch() {
        Learner l = learner();
        l.callback("stopper", new Callback() {
            @Override
            public void epochEnded(EpochRecord record) {
                l.stopFit("one epoch is enough");
            }
        });
        History h = l.fit(3);
        assertEquals(1, h.epochs().size());
        assertTrue(h.epochs().get(0).complete(), "the epoch had finished when the stop came");
        assertEquals("one epoch is enough", h.stopReason());
        assertFalse(l.stopFit("between fits"), "nothing to stop between fits");
    }

    @Test
    void aFailingCallbackIsNamedWithItsEventAndTheWeightsAreThoseOfTheLastStep() {
        Learner l = learner();
        l.on("broken", Event.AFTER_BACKWARD, ctx -> {
            if (ctx.step() == 2) {
                throw new IllegalStateException("boom");
            }
        });
        List<Event> ended = new ArrayList<>();
        l.on(Event.FIT_END, ctx -> ended.add(ctx.event()));
        CallbackException e = assertThrows(CallbackException.class, () -> l.fit(1));
        assertEquals("broken", e.callback());
        assertEquals(Event.AFTER_BACKWARD, e.event());
        assertTrue(e.getMessage().contains("'broken'") && e.getMessage().contains("AFTER_BACKWARD")
                && e.getMessage().contains("step 2") && e.getMessage().contains("boom"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1, l.step(), "step 2 never updated the weights");
        assertEquals(List.of(Event.FIT_END), ended, "FIT_END still reaches every callback");
    }

    @Test
    void reRunningALambdaCellReplacesIt() {
        Learner l = learner();
        int[] calls = new int[2];
        l.on(Event.EPOCH_END, ctx -> calls[0]++);
        l.on(Event.EPOCH_END, ctx -> calls[1]++);
        l.fit(1);
        assertArrayEquals(new int[] {0, 1}, calls, "the second registration replaced the first");
        assertEquals(1, l.callbackNames().stream().filter(n -> n.equals("on EPOCH_END")).count());
    }

    @Test
    void aStepNobodyWatchesReadsNothingBackFromNativeMemory() {
        Learner l = learner();
        l.callbackNames().forEach(l::removeCallback);
        l.fit(1); // the data is copied to native memory on first use, outside the count below
        long before = HostReads.total();
        History h = l.fit(3);
        assertEquals(before, HostReads.total(), "no reads in 6 steps without callbacks");
        assertEquals(8, l.step(), "it did train");
        assertTrue(h.steps().isEmpty(), "and recorded nothing, since the history callback was removed");
    }

    @Test
    void theDefaultCallbacksReadTheLossOncePerStepAndTheAccuracyOncePerEpoch() {
        Learner l = learner().validate(false);
        l.fit(1);
        long before = HostReads.total();
        l.fit(3);
        assertEquals(6 + 3, HostReads.total() - before, "six loss reads and three epoch accuracy counts");
    }

    @Test
    void epochAccuracyCountedOnTheDeviceEqualsTheMeanOfPerStepAccuracies() {
        Learner l = learner().validate(false);
        List<Double> asked = new ArrayList<>();
        l.on(Event.AFTER_BACKWARD, ctx -> asked.add(ctx.accuracy()));
        History h = l.fit(1);
        assertEquals((asked.get(0) * 16 + asked.get(1) * 16) / 32, h.lastEpoch().accuracy(), 1e-12);
        assertEquals(asked, h.steps().stream().map(StepRecord::accuracy).toList(), "asked for, so recorded");
        History unasked = learner().validate(false).fit(1);
        assertTrue(Double.isNaN(unasked.steps().get(0).accuracy()), "not asked for, not computed");
        assertFalse(Double.isNaN(unasked.lastEpoch().accuracy()), "the epoch's accuracy is always counted");
    }

    @Test
    void contextValuesBelongToTheirMoment() {
        Learner l = learner();
        List<Object[]> seen = new ArrayList<>();
        l.on("fit", Event.FIT_START, ctx -> seen.add(new Object[] {ctx.loss(), ctx.stepRecord(), ctx.epochRecord()}));
        l.on("validated", Event.VALIDATION_END, ctx -> seen.add(new Object[] {ctx.evaluation()}));
        l.on("end", Event.EPOCH_END, ctx -> seen.add(new Object[] {ctx.epochRecord()}));
        l.fit(1);
        assertTrue(Double.isNaN((Double) seen.get(0)[0]), "no loss before any step");
        assertNull(seen.get(0)[1]);
        assertNull(seen.get(0)[2]);
        Evaluation test = (Evaluation) seen.get(1)[0];
        assertEquals(8, test.examples(), "validated on the 8 test examples");
        EpochRecord record = (EpochRecord) seen.get(2)[0];
        assertEquals(test.accuracy(), record.testAccuracy());
        assertEquals(32, record.examples());
    }
}
