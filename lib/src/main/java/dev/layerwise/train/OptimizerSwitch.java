package dev.layerwise.train;

import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What happens to the optimizer state when a learner's optimizer changes, and the words for it.
 * Rules that keep the same state arrays ({@link Optimizer#stateSlots()}: Adam and AdamW, momentum
 * and Nesterov, two RMSprops) carry it over, update counts included; plain SGD keeps none, so a
 * switch to momentum starts the velocity at zero, exactly as a fresh momentum optimizer would; any
 * other switch drops the state and says what was dropped.
 */
final class OptimizerSwitch {
    private OptimizerSwitch() {}

    /**
     * Keeps or drops the learner's optimizer state for the new rule.
     *
     * @param state the learner's training state
     * @param from the optimizer until now
     * @param to the new optimizer
     * @return what happened, as a clause for the message, e.g. {@code optimizer state kept: …}
     */
    static String apply(TrainingState state, Optimizer from, Optimizer to) {
        state.rateFactor(1); // a newly set optimizer runs at the rate it was given, not reduce-on-plateau's
        Set<String> held = held(state);
        Set<String> oldSlots = from.stateSlots();
        Set<String> newSlots = to.stateSlots();
        if (held.isEmpty()) {
            state.clearOptimizerState(); // update counts without arrays mean nothing to the new rule
            if (oldSlots != null && oldSlots.isEmpty() && newSlots != null && newSlots.contains("velocity")) {
                return kind(from) + " keeps no state, so the velocity starts at zero, as for a fresh " + kind(to)
                        + ": its first step is η·g, the same as PyTorch's, whose buffer starts as the first gradient";
            }
            return "no optimizer state to carry";
        }
        int params = parametersWithState(state);
        if (newSlots != null && newSlots.equals(oldSlots) && newSlots.containsAll(held)) {
            return "optimizer state kept: " + String.join(", ", held) + " of " + params + " parameters carried over, since "
                    + (kind(from).equals(kind(to)) ? kind(to) + " keeps" : kind(from) + " and " + kind(to) + " keep")
                    + " the same state";
        }
        state.clearOptimizerState();
        return "optimizer state reset: " + String.join(", ", held) + " of " + params + " parameters dropped ("
                + kind(to) + (newSlots == null ? " is not one of Optimizers' rules" : newSlots.isEmpty() ? " keeps no state"
                        : " keeps " + String.join(", ", new TreeSet<>(newSlots)) + " instead") + "), so " + kind(to)
                + " starts fresh";
    }

    /** @return the names of the state arrays the learner holds now, sorted */
    static Set<String> held(TrainingState state) {
        Set<String> names = new TreeSet<>();
        state.optimizerStates().values().forEach(s -> names.addAll(s.slots().keySet()));
        return names;
    }

    /** @return how many parameters have state arrays */
    static int parametersWithState(TrainingState state) {
        int n = 0;
        for (Map.Entry<String, ParamState> e : state.optimizerStates().entrySet()) {
            n += e.getValue().slots().isEmpty() ? 0 : 1;
        }
        return n;
    }

    /** @return the rule's name, e.g. {@code adamW}, from its description */
    static String kind(Optimizer o) {
        String d = o.describe();
        int paren = d.indexOf('(');
        return paren < 0 ? d : d.substring(0, paren);
    }
}
