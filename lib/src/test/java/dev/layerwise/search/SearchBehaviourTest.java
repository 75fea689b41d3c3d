package dev.layerwise.search;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.display.MimeBundle;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.interrupt.Interrupts;
import dev.layerwise.train.Learner;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("engine")
class SearchBehaviourTest {
    private static final SearchSpace SPACE = SearchSpace.empty().uniform("x", 0, 1).choice("kind", "a", "b");

    @Test
    void anInterruptedSearchKeepsItsFinishedTrials() {
        try {
            SearchResult result = Search.bayesian(SPACE).trials(10).seed(1).verbose(false).run(trial -> {
                if (trial.number() == 4) {
                    Interrupts.requestStop();
                }
                return trial.params().d("x");
            });
            assertEquals(3, result.finished().size());
            assertEquals(List.of(1, 2, 3), result.trials().stream().map(TrialRecord::number).toList());
            assertTrue(result.ending().contains("stopped during trial 4"), result.ending());
        } finally {
            Interrupts.reset();
        }
    }

    @Test
    void aStopRequestedBeforeTheSearchRunsNoTrial() {
        try {
            Interrupts.requestStop();
            SearchResult result = Search.random(SPACE).trials(5).verbose(false).run(t -> 1.0);
            assertTrue(result.trials().isEmpty());
            assertTrue(assertThrows(IllegalStateException.class, result::best).getMessage().contains("No trial finished"));
        } finally {
            Interrupts.reset();
        }
    }

    @Test
    void medianStoppingPrunesAClearlyBadTrial() {
        SearchResult result = Search.random(SPACE).trials(5).seed(2).verbose(false)
                .earlyStopping(MedianStopping.rule()).run(trial -> {
                    double level = trial.number() == 4 ? 0.1 : 0.8 + 0.01 * trial.number();
                    for (int step = 1; step <= 5; step++) {
                        trial.report(step, level);
                    }
                    return level;
                });
        List<TrialState> states = result.trials().stream().map(TrialRecord::state).toList();
        assertEquals(List.of(TrialState.FINISHED, TrialState.FINISHED, TrialState.FINISHED, TrialState.PRUNED,
                TrialState.FINISHED), states);
        TrialRecord pruned = result.trials().get(3);
        assertEquals(List.of(1, 2), List.copyOf(pruned.reports().keySet()), "pruned at the first step after warm-up");
        assertEquals(0.1, pruned.score());
        assertTrue(pruned.message().contains("median"), pruned.message());
    }

    @Test
    void medianStoppingWhenMinimizingPrunesHighValues() {
        SearchResult result = Search.random(SPACE).trials(4).minimize().verbose(false)
                .earlyStopping(MedianStopping.rule().warmUp(0)).run(trial -> {
                    double loss = trial.number() == 4 ? 5.0 : 1.0;
                    trial.report(1, loss);
                    return loss;
                });
        assertEquals(TrialState.PRUNED, result.trials().get(3).state());
        assertEquals(1.0, result.best().score());
    }

    @Test
    void aFailingObjectiveIsRecordedAndTheSearchGoesOn() {
        SearchResult result = Search.random(SPACE).trials(4).seed(3).verbose(false).run(trial -> {
            if (trial.number() == 2) {
                throw new IllegalStateException("diverged");
            }
            return trial.number() == 3 ? Double.NaN : trial.params().d("x");
        });
        assertEquals(4, result.trials().size());
        TrialRecord failed = result.trials().get(1);
        assertEquals(TrialState.FAILED, failed.state());
        assertEquals("IllegalStateException: diverged", failed.message());
        assertEquals(TrialState.FAILED, result.trials().get(2).state());
        assertEquals(2, result.finished().size());
        assertTrue(result.toMimeBundle().get(MimeBundle.HTML).contains("diverged"));
        assertTrue(result.toCsv().contains(",failed,"));
    }

    @Test
    void bayesianSearchCopesWithFailuresAmongItsObservations() {
        SearchResult result = Search.bayesian(SPACE).trials(12).seed(4).verbose(false).run(trial -> {
            if (trial.params().d("x") > 0.8) {
                throw new ArithmeticException("too large");
            }
            return trial.params().d("x");
        });
        assertEquals(12, result.trials().size());
        assertTrue(result.best().score() > 0.6, "best " + result.best().score());
    }

    @Test
    void aTimeBudgetStopsStartingTrials() {
        SearchResult result = Search.random(SPACE).trials(1000).timeBudget(Duration.ofMillis(200)).verbose(false)
                .run(t -> {
                    Thread.sleep(30);
                    return 1.0;
                });
        assertTrue(result.trials().size() < 20 && result.trials().size() >= 2, result.trials().size() + " trials");
        assertTrue(result.ending().contains("time budget"), result.ending());
    }

    @Test
    void theResultShowsATableChartsAndCsv() {
        SearchResult result = Search.random(SearchSpace.empty().logUniform("lr", 1e-3, 1).choice("batch", 10, 100)
                .choice("opt", "sgd", "adam")).trials(6).seed(5).verbose(false).run(t -> -Math.abs(Math.log10(t.params()
                        .d("lr")) + 1));
        String text = result.toString();
        assertTrue(text.contains("lr") && text.contains("batch") && text.contains("score") && text.contains("finished"),
                text);
        assertTrue(result.toMimeBundle().get(MimeBundle.HTML).startsWith("<div><p>random search"));
        assertEquals(7, result.toCsv().lines().count());
        assertTrue(result.toCsv().startsWith("trial,lr,batch,opt,score,state,seconds,message"));
        assertEquals(List.of("finished", "best so far"), result.plot().seriesNames());
        assertTrue(result.plot("lr").panels().get(0) instanceof org.knowm.xchart.XYChart xy
                && xy.getStyler().isXAxisLogarithmic(), "log-uniform is plotted on a log axis");
        assertNotNull(result.plot("opt").png());
        assertNotNull(result.plotAll().svg());
        double[] best = result.bestSoFar();
        for (int i = 1; i < best.length; i++) {
            assertTrue(best[i] >= best[i - 1]);
        }
        assertEquals(best[best.length - 1], result.best().score());
    }

    @Test
    void aSmallTrainingSearchFindsAWorkingLearningRate() {
        Dataset moons = Datasets.twoMoons(400, 0.1, 1).batchSize(20);
        Net net = Net.input(2).dense(16).tanh().dense(2);
        SearchResult result = Search.random(SearchSpace.empty().logUniform("lr", 1e-3, 1).uniform("momentum", 0, 0.9))
                .trials(3).seed(6).verbose(false).earlyStopping(MedianStopping.rule()).run(trial -> {
                    var p = trial.params();
                    Learner learner = Learner.of(net, moons).seed(1)
                            .optimizer(Optimizers.momentum(p.d("lr"), p.d("momentum")));
                    learner.removeCallback("progress");
                    for (int epoch = 1; epoch <= 3; epoch++) {
                        learner.fit(1);
                        trial.report(epoch, learner.evaluate().accuracy());
                    }
                    return learner.evaluate().accuracy();
                });
        assertEquals(3, result.finished().size());
        assertTrue(result.best().score() > 0.8, result.toString());
        assertFalse(result.best().reports().isEmpty());
    }
}
