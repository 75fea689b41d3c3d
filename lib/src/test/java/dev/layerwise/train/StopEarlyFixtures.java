package dev.layerwise.train;

import dev.layerwise.optim.ParamState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the early-stopping, plateau and range-test tests share: figures driven by hand, arrays captured. */
final class StopEarlyFixtures {
    private StopEarlyFixtures() {}

    /** Records {@code values[epoch - 1]} as the epoch figure {@code driven}: a monitored figure whose course is known. */
    static void drive(Learner l, double... values) {
        l.callback("driven", new Callback() {
            @Override
            public void measureEpoch(EpochFigures figures) {
                figures.metric("driven", values[figures.epoch() - 1]);
            }
        });
    }

    /** Every parameter and optimizer-state array of a learner, read to the host, by name. */
    static Map<String, float[]> arrays(Learner l) {
        Map<String, float[]> all = new TreeMap<>(l.parameters());
        for (Map.Entry<String, ParamState> p : l.state().optimizerStates().entrySet()) {
            p.getValue().slots().forEach((slot, a) -> all.put(p.getKey() + "/" + slot, a.toFloatArray()));
            all.put(p.getKey() + "/steps", new float[] {p.getValue().steps()});
        }
        return all;
    }

    /** Captures {@link #arrays(Learner)} at the end of every epoch, before callbacks registered later run. */
    static Map<Integer, Map<String, float[]>> captureEachEpoch(Learner l) {
        Map<Integer, Map<String, float[]>> byEpoch = new LinkedHashMap<>();
        l.callback("capture", new Callback() {
            @Override
            public void epochEnded(EpochRecord record) {
                byEpoch.put(record.epoch(), arrays(l));
            }
        });
        return byEpoch;
    }

    static void assertSameArrays(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the same arrays");
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), what + ": " + k));
    }

    /** The learning rate each epoch of a history trained with (its first step's). */
    static List<Double> ratePerEpoch(History h) {
        Map<Integer, Double> first = new LinkedHashMap<>();
        h.steps().forEach(s -> first.putIfAbsent(s.epoch(), s.learningRate()));
        return List.copyOf(first.values());
    }
}
