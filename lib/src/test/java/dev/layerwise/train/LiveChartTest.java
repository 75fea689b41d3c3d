package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Datasets;
import dev.layerwise.display.Display;
import dev.layerwise.display.DisplaySink;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.display.TerminalSink;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.stats.Gradients;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The live chart updates one output in place, no faster than twice a second, ending on the last step. */
@Tag("engine")
class LiveChartTest {
    /** A notebook stand-in that records what it is sent, with the time. */
    static final class RecordingSink implements DisplaySink {
        final List<String> displayed = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        final List<Long> updateTimes = new ArrayList<>();
        final List<MimeBundle> updates = new ArrayList<>();

        @Override
        public void display(MimeBundle bundle, String displayId) {
            displayed.add(displayId);
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            updatedIds.add(displayId);
            updateTimes.add(System.nanoTime());
            updates.add(bundle);
        }

        @Override
        public boolean isRich() {
            return true;
        }
    }

    @AfterEach
    void restoreTerminal() {
        Display.install(new TerminalSink());
    }

    private static Learner learner() {
        Learner l = Learner.of(Net.input(8).dense(16).sigmoid().dense(3), Datasets.blobs(4000, 3, 8, 1.0, 4).batchSize(4))
                .watch(Gradients.perLayer().every(5));
        l.removeCallback("progress");
        return l;
    }

    @Test
    void updatesOneDisplayAtMostTwiceASecondAndEndsOnTheLastStep() {
        RecordingSink sink = new RecordingSink();
        Display.install(sink);
        Learner l = learner();
        LiveChart chart = new LiveChart();
        long[] lastStepAt = new long[1];
        l.callback("chart", chart);
        l.callback("clock", new Callback() {
            @Override
            public void stepEnded(StepRecord record, StepContext step) {
                lastStepAt[0] = System.nanoTime();
            }
        });
        long start = System.nanoTime();
        l.fit(2);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < sink.updatedIds.size(); i++) {
            if (sink.updates.get(i).get(MimeBundle.PNG) != null) {
                ours.add(sink.updatedIds.get(i));
            }
        }
        assertEquals(1, sink.displayed.stream().distinct().count(), "one display per fit");
        assertTrue(ours.stream().allMatch(id -> id.equals(sink.displayed.get(0))), "updates go to that display");
        assertEquals(chart.frames(), ours.size());
        assertTrue(ours.size() >= 1, "at least the final frame");
        assertTrue(ours.size() <= seconds / 0.5 + 1, ours.size() + " frames in " + seconds + " s");
        for (int i = 1; i < sink.updateTimes.size() - 1; i++) {
            assertTrue(sink.updateTimes.get(i) - sink.updateTimes.get(i - 1) >= LiveChart.MIN_FRAME_NANOS * 0.99,
                    "frames before the last are at least 0.5 s apart");
        }
        assertTrue(sink.updateTimes.get(sink.updateTimes.size() - 1) > lastStepAt[0], "the last frame follows the last step");
        assertNotNull(sink.updates.get(sink.updates.size() - 1).get(MimeBundle.PNG));
    }

    @Test
    void marksAnOptimizerSwitchAndDoesNothingInATerminal() {
        RecordingSink sink = new RecordingSink();
        Display.install(sink);
        Learner l = learner();
        LiveChart chart = new LiveChart();
        l.callback("chart", chart);
        l.fit(1);
        l.optimizer(Optimizers.sgd(0.01));
        l.fit(1);
        assertEquals(1, chart.markers().size());
        assertEquals(l.data().batchesPerEpoch(), chart.markers().get(0).step());
        Display.install(new TerminalSink());
        int before = sink.updates.size();
        l.fit(1);
        assertEquals(before, sink.updates.size());
        assertEquals(0, chart.frames());
    }
}
