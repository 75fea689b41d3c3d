package dev.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.layerwise.data.Dataset;
import dev.layerwise.data.Datasets;
import dev.layerwise.nn.Init;
import dev.layerwise.nn.Net;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.Schedule;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A saved learner, loaded and trained on, takes exactly the steps of one that never stopped. */
@Tag("engine")
class SaveLoadTest {
    /** Dropout and batch norm too: the generator's seed and the running statistics must carry over. */
    static final Net NET = Net.input(2).dense(16).batchNorm().tanh().dropout(0.2).dense(16).relu().dense(2)
            .init(Init.normal(0, 0.5));

    static Dataset data() {
        return Datasets.twoMoons(120, 0.15, 5).batchSize(16);
    }

    static Stream<Arguments> optimizers() {
        Schedule decaying = Schedule.exponential(0.1, 0.01, 40);
        return Stream.of(
                Arguments.of("sgd", Optimizers.sgd(decaying)),
                Arguments.of("momentum", Optimizers.momentum(decaying, Schedule.linear(0.5, 0.9, 20))),
                Arguments.of("nesterov", Optimizers.nesterov(0.05, 0.9).weightDecay(1e-4)),
                Arguments.of("rmsprop", Optimizers.rmsprop(0.01).clip(1)),
                Arguments.of("adagrad", Optimizers.adagrad(0.05)),
                Arguments.of("adadelta", Optimizers.adadelta(1.0)),
                Arguments.of("adam", Optimizers.adam(Schedule.warmup(5, Schedule.cosine(0.01, 0.001, 30)))),
                Arguments.of("adamW", Optimizers.adamW(0.01, 0.01)),
                Arguments.of("adamW, weights only, clipped by norm", Optimizers.adamW(0.01).decayWeightsOnly()
                        .noDecayOn("dense_3").clipGradNorm(0.5)));
    }

    private static Learner learner(Optimizer optimizer) {
        Learner l = Learner.of(NET, data()).quiet().optimizer(optimizer).seed(11);
        l.removeCallback("checkpoint");
        return l.layerRate("dense_1", 2.5).layerRate("dense_3", 0.5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void saveLoadThenFitEqualsTrainingThatNeverStopped(String name, Optimizer optimizer, @TempDir Path dir)
            throws Exception {
        Learner straight = learner(optimizer);
        straight.fit(2);
        straight.fit(1);

        Learner first = learner(optimizer);
        first.fit(2);
        Path file = first.save(dir.resolve(name + ".layerwise"));
        Learner resumed = Learner.load(file, data());
        resumed.quiet().removeCallback("checkpoint");
        assertEquals(first.step(), resumed.step());
        assertEquals(first.epoch(), resumed.epoch());
        assertEquals(first.optimizer().describe(), resumed.optimizer().describe());
        resumed.fit(1);

        Map<String, float[]> expected = straight.parameters();
        Map<String, float[]> actual = resumed.parameters();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((param, values) -> assertArrayEquals(values, actual.get(param), 0f,
                name + ": " + param + " after resuming differs from training that never stopped"));
        assertEquals(straight.state().optimizerStates().keySet(), resumed.state().optimizerStates().keySet());
        straight.state().optimizerStates().forEach((param, s) -> {
            assertEquals(s.steps(), resumed.state().optimizerStates().get(param).steps(), param + " update count");
            s.slots().forEach((slot, a) -> assertArrayEquals(a.toFloatArray(),
                    resumed.state().optimizerStates().get(param).slots().get(slot).toFloatArray(), 0f, param + "/" + slot));
        });
        assertArrayEquals(straight.history().losses(), resumed.history().losses(), 0,
                "every step's loss, the saved ones and the new ones");
    }

    @Test
    void historyLayerRatesAndFrozenLayersComeBack(@TempDir Path dir) throws Exception {
        Learner l = learner(Optimizers.momentum(0.05, 0.9)).freeze("dense_2");
        l.fit(1);
        l.optimizer(Optimizers.adam(0.01));
        l.fit(1);
        Learner back = Learner.load(l.save(dir.resolve("l.layerwise")), data());
        assertEquals(l.history().steps(), back.history().steps());
        assertEquals(l.history().epochs().size(), back.history().epochs().size());
        assertEquals(l.history().events(), back.history().events());
        assertEquals(l.frozenLayers(), back.frozenLayers());
        assertEquals(2.5, back.state().controls().layerFactors(back.state().model().specs()).get("dense_1"));
        assertEquals(l.optimizer().describe(), back.optimizer().describe());
        assertEquals(l.state().optimizerStep(), back.state().optimizerStep(), "schedules count from the switch");
    }
}
