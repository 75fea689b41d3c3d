package dev.layerwise.train;

import static dev.layerwise.train.StopEarlyFixtures.arrays;
import static dev.layerwise.train.StopEarlyFixtures.assertSameArrays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.plot.Chart;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.List;
import java.util.Map;

/** The learning-rate range test: the learner is untouched, the curve is read by the stated rules and drawn. */
@Tag("engine")
class LearningRateRangeTest {
    /** 3,000 Fashion-MNIST images in batches of 50: 60 steps an epoch. */
    private static Learner learner(Optimizer optimizer) {
        return learner(Net.input(784).dense(64).relu().dropout(0.2).dense(10), optimizer);
    }

    private static Learner learner(Net net, Optimizer optimizer) {
        Dataset data = Datasets.fashionMnist().subset(3_000).testSubset(500).batchSize(50).seed(11);
        return Learner.of(net, data).quiet().optimizer(optimizer).seed(11);
    }

    @Test
    void theLearnerIsBitIdenticalAfterwardsAndTrainsOnAsIfTheTestHadNotRun() {
        Learner tested = learner(Optimizers.adam(1e-3));
        Learner twin = learner(Optimizers.adam(1e-3));
        tested.fit(1);
        twin.fit(1);
        Map<String, float[]> before = arrays(tested); // every weight, Adam's two moments and their step counts
        int steps = tested.history().steps().size();
        int events = tested.history().events().size();
        List<String> callbacks = tested.callbackNames();
        int arrays = tested.state().liveArrays();

        RangeTestResult found = tested.findLearningRate(RangeTest.from(1e-5).to(1).steps(40));

        assertTrue(found.steps() > 10, "the test trained: " + found);
        assertSameArrays(before, arrays(tested), "after the range test");
        assertEquals(60, tested.step());
        assertEquals(1, tested.epoch());
        assertEquals(steps, tested.history().steps().size());
        assertEquals(events, tested.history().events().size());
        assertEquals(callbacks, tested.callbackNames());
        assertEquals(arrays, tested.state().liveArrays(), "the copy read the learner's data and left nothing behind");
        tested.fit(1);
        twin.fit(1);
        assertSameArrays(arrays(twin), arrays(tested), "the next epoch, batch order and dropout masks included");
    }

    @Test
    void theSuggestionLiesInTheTestedRangeAndTheChartShowsTheCurveOnALogAxis() {
        // tanh units keep the logits finite but growing: the loss climbs far above its start at high rates
        Learner l = learner(Net.input(784).dense(64).tanh().dense(10), Optimizers.sgd(0.1));
        RangeTestResult found = l.findLearningRate(RangeTest.from(1e-4).to(100).steps(60));
        double[] rates = found.rates();
        assertEquals(1e-4, rates[0], 1e-18);
        for (int i = 1; i < rates.length; i++) {
            assertEquals(Math.pow(100 / 1e-4, 1 / 59.0), rates[i] / rates[i - 1], 1e-9, "geometric steps");
        }
        assertTrue(found.diverged() && found.steps() < 60, "SGD diverges well before rate 100: " + found);
        assertTrue(found.ended().contains("passed 4 × its lowest"), found.ended());
        assertTrue(found.suggestion() > 1e-4 && found.suggestion() < rates[rates.length - 1], found.toString());
        assertEquals(found.minimum() / 10, found.suggestion(), 0);
        int min = indexOf(rates, found.minimum());
        double[] smoothed = found.smoothedLosses();
        for (int i = found.steps() / 10; i < found.steps() - 5; i++) {
            assertTrue(smoothed[min] <= smoothed[i], "the minimum of the smoothed loss is at " + found.minimum());
        }
        assertTrue(found.steepest() < found.minimum(), "the loss falls fastest before its minimum");
        assertTrue(found.toString().contains("minimum ÷ 10") && found.toString().contains("steepest descent"), found.toString());

        Chart chart = found.plot();
        XYChart panel = (XYChart) chart.panels().get(0);
        assertTrue(panel.getStyler().isXAxisLogarithmic(), "rates on a log axis");
        assertTrue(chart.seriesNames().containsAll(List.of("loss", "minimum", "steepest")), chart.seriesNames().toString());
        assertTrue(chart.png().length > 1000, "a PNG is drawn");
        MimeBundle shown = found.toMimeBundle();
        assertTrue(shown.get(MimeBundle.HTML).contains("data:image/png;base64,"), "the notebook shows the chart");
        assertTrue(shown.text().contains("Suggested learning rate"), shown.text());
    }

    @Test
    void aRangeThatNeverDivergesSaysTheLossWasStillFalling() {
        Learner l = learner(Net.input(784).dense(64).relu().dense(10), Optimizers.sgd(0.1));
        RangeTestResult found = l.findLearningRate(RangeTest.from(1e-3).to(0.3).steps(40));
        assertFalse(found.diverged());
        assertEquals(40, found.steps());
        assertTrue(found.ended().startsWith("all 40 steps ran"), found.ended());
        assertTrue(found.toString().contains("still falling"), found.toString());
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError(v + " not among the rates");
    }
}
