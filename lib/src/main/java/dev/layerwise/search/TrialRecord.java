package dev.layerwise.search;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one trial of a search tried and got.
 *
 * @param number its number, counting from 1
 * @param params the hyperparameter values it tried
 * @param score the objective's value; for a pruned trial its last report; NaN when it failed
 * @param state how it ended
 * @param seconds how long the objective ran
 * @param message why it failed or was pruned; empty when it finished
 * @param reports intermediate values by step, as reported with {@link Trial#report(int, double)}
 */
public record TrialRecord(int number, Params params, double score, TrialState state, double seconds, String message,
        Map<Integer, Double> reports) {
    /** Copies the reports. */
    public TrialRecord {
        reports = Collections.unmodifiableMap(new TreeMap<>(reports));
        message = message == null ? "" : message;
    }

    /** @return whether the objective returned a score */
    public boolean finished() {
        return state == TrialState.FINISHED;
    }
}
