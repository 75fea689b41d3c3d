package dev.layerwise.train;

import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.BaseOptimizer;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.Optimizers;
import dev.layerwise.optim.ParamState;
import dev.layerwise.optim.Schedule;
import dev.layerwise.optim.Sgd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer half of {@link Learner}'s notebook facade, in a file of its own: setting the
 * optimizer, and changing its hyperparameters in place — learning rate, momentum, weight decay,
 * clipping — without losing its state (Adam's moments, the momentum velocity). Each change prints
 * one line saying what changed and what happened to the state, and marks the live chart.
 *
 * <p>How a change meets a running schedule: the new value takes effect at the next step, and a
 * schedule given as the new value starts there at its own step 0; the optimizer's other schedules
 * carry on where they were. So {@code learningRate(1e-4)} under a cosine momentum keeps the cosine
 * going, and the optimizer's description shows the history ({@code cosine(…) for 300 steps, then
 * 0.0001}); when nothing else is scheduled the description is simply the new value.
 * {@link #optimizer(Optimizer)}, by contrast, starts all of the new optimizer's schedules at step 0.
 */
abstract sealed class LearnerSettings extends LearnerCallbacks permits Learner {
    private Optimizer optimizer = Optimizers.sgd(0.1);

    /** @return the training state: weights, optimizer state, counters */
    abstract TrainingState state();

    /** @return the whole history of this learner */
    public abstract History history();

    /** Notes a training event at the current step: a marker on the live chart and in the history. */
    final Learner event(String label) {
        history().add(new TrainingEvent(state().step(), label));
        return (Learner) this;
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Sets the optimizer; weights and step count are kept, the new optimizer's schedules start at
     * their step 0, and its state is carried over when the rules keep the same state (Adam and
     * AdamW, momentum and Nesterov, the same rule with other settings) or starts fresh otherwise —
     * the printed line says which. To keep the optimizer and change one setting, use
     * {@link #learningRate(double)}, {@link #momentum(double)}, {@link #weightDecay(double)} or
     * {@link #clipGradNorm(double)}.
     *
     * @param newOptimizer e.g. {@code Optimizers.adamW(1e-3).decayWeightsOnly()}
     * @return this learner
     */
    public Learner optimizer(Optimizer newOptimizer) {
        if (newOptimizer == null) {
            throw new IllegalArgumentException("optimizer(null): expected an optimizer such as Optimizers.sgd(0.1).");
        }
        requireExemptionsMatch(newOptimizer);
        TrainingState state = state();
        String what = OptimizerSwitch.apply(state, optimizer, newOptimizer);
        state.restartScheduleClock();
        if (state.step() > 0) {
            System.out.println("Optimizer: " + optimizer.describe() + " → " + newOptimizer.describe() + " at step "
                    + state.step() + "; weights kept, " + what + ". Schedules count from here.");
            event("optimizer → " + newOptimizer.describe());
        }
        optimizer = newOptimizer;
        reportExemptions();
        return (Learner) this;
    }

    /**
     * Changes the learning rate from the next step, keeping the optimizer and its state.
     *
     * @param lr the new rate, above 0
     * @return this learner
     */
    public Learner learningRate(double lr) {
        BaseOptimizer<?> base = libraryRule("learningRate(" + lr + ")");
        Optimizer.requirePositiveRate("learningRate", lr);
        return newRate(base, Schedule.constant(lr));
    }

    /**
     * Changes the learning rate to a schedule that starts at its step 0 with the next step, keeping
     * the optimizer and its state; the optimizer's other schedules carry on.
     *
     * @param lr e.g. {@code Schedule.cosine(1e-3, 0, 2_000)}
     * @return this learner
     */
    public Learner learningRate(Schedule lr) {
        BaseOptimizer<?> base = libraryRule("learningRate(" + (lr == null ? "null" : lr.describe()) + ")");
        if (lr == null) {
            throw new IllegalArgumentException("learningRate(null): expected a rate or a Schedule, e.g."
                    + " learningRate(1e-4) or learningRate(Schedule.cosine(1e-3, 0, 2_000)).");
        }
        return newRate(base, lr);
    }

    private Learner newRate(BaseOptimizer<?> base, Schedule lr) {
        base.learningRate(lr); // checks the new schedule's first value before anything changes
        state().rateFactor(1); // a rate the user sets replaces reduce-on-plateau's lowered one
        boolean keepClock = base.momentum() != null && !constant(base.momentum());
        Schedule effective = running(base.learningRate(), lr, keepClock);
        return retune("Learning rate", base.learningRate().describe(), lr.describe(), base.learningRate(effective),
                keepClock);
    }

    /**
     * Changes the momentum from the next step, keeping the velocity; plain SGD becomes SGD with
     * momentum, its velocity starting at zero.
     *
     * @param mu the momentum, in [0, 1), e.g. 0.9
     * @return this learner
     */
    public Learner momentum(double mu) {
        return momentum(Schedule.constant(mu), "momentum(" + mu + ")");
    }

    /**
     * Changes the momentum to a schedule that starts at its step 0 with the next step, keeping the
     * velocity; the learning rate's schedule carries on.
     *
     * @param mu e.g. {@code Schedule.linear(0.85, 0.95, 1_000)}
     * @return this learner
     */
    public Learner momentum(Schedule mu) {
        if (mu == null) {
            throw new IllegalArgumentException("momentum(null): expected a momentum or a Schedule, e.g. momentum(0.9).");
        }
        return momentum(mu, "momentum(" + mu.describe() + ")");
    }

    private Learner momentum(Schedule mu, String call) {
        if (!(optimizer instanceof Sgd sgd)) {
            throw new IllegalArgumentException(call + ": " + optimizer.describe() + " has no momentum; "
                    + has(optimizer) + ". Momentum belongs to SGD: learner.optimizer(Optimizers.momentum(0.01, 0.9))"
                    + " switches to it (this optimizer's state would be reset). For Adam, β₁ plays momentum's part:"
                    + " learner.optimizer(Optimizers.adam(1e-3).betas(0.95, 0.999)) keeps Adam's moments.");
        }
        sgd.momentum(mu); // checks the new momentum before anything changes
        boolean keepClock = !constant(sgd.learningRate());
        boolean plain = sgd.momentum() == null;
        Schedule before = plain ? Schedule.constant(0) : sgd.momentum();
        return retune("Momentum", plain ? "none" : sgd.momentum().describe(), mu.describe(),
                sgd.momentum(running(before, mu, keepClock)), keepClock, plain ? "plain SGD kept no state, so the"
                        + " velocity starts at zero: the first step is η·g, as PyTorch's with its buffer set to the first"
                        + " gradient." : null);
    }

    /**
     * Changes the weight decay from the next step, keeping the optimizer, its state and the
     * parameters it exempts ({@code noDecayOn}, {@code decayWeightsOnly}).
     *
     * @param lambda λ ≥ 0, e.g. 0.01; 0 turns decay off
     * @return this learner
     */
    public Learner weightDecay(double lambda) {
        BaseOptimizer<?> base = libraryRule("weightDecay(" + lambda + ")");
        Learner l = retune("Weight decay", Schedule.num(base.weightDecay()), Schedule.num(lambda),
                base.weightDecay(lambda), true);
        reportExemptions();
        return l;
    }

    /**
     * Clips by global norm from the next step, as PyTorch's {@code clip_grad_norm_}: when the L2
     * norm of all gradients together exceeds {@code maxNorm}, every gradient is scaled by
     * {@code maxNorm / (norm + 1e-6)}. The optimizer and its state are kept. A watched learner
     * records the norm before clipping as {@code grad_norm}.
     *
     * @param maxNorm the largest norm, e.g. 1.0, or 0 to turn it off
     * @return this learner
     */
    public Learner clipGradNorm(double maxNorm) {
        BaseOptimizer<?> base = libraryRule("clipGradNorm(" + maxNorm + ")");
        return retune("Clipping by global norm", off(base.clipGradNorm()), off(maxNorm), base.clipGradNorm(maxNorm),
                true);
    }

    /**
     * Clips each gradient value to [−bound, bound] from the next step, as PyTorch's
     * {@code clip_grad_value_}; the optimizer and its state are kept. After global-norm clipping
     * when both are on.
     *
     * @param bound the bound, e.g. 0.5, or 0 to turn it off
     * @return this learner
     */
    public Learner clipGradValue(double bound) {
        BaseOptimizer<?> base = libraryRule("clipGradValue(" + bound + ")");
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("clipGradValue(" + bound + "): the bound must be a finite number ≥ 0"
                    + " (0 turns clipping off), e.g. clipGradValue(0.5).");
        }
        return retune("Clipping of each gradient value", off(base.clip()), off(bound), base.clip(bound), true);
    }

    /**
     * Drops the optimizer state (momentum velocity, Adam's moments and update counts), keeping the
     * optimizer, its schedules' place and the weights: the next step starts the state fresh.
     *
     * @return this learner
     */
    public Learner resetOptimizerState() {
        TrainingState state = state();
        String held = String.join(", ", OptimizerSwitch.held(state));
        int params = OptimizerSwitch.parametersWithState(state);
        state.clearOptimizerState();
        System.out.println("Optimizer state reset at step " + state.step() + ": " + (held.isEmpty() ? "there was none"
                : held + " of " + params + " parameters dropped") + "; " + optimizer.describe() + " starts fresh.");
        return event("optimizer state reset");
    }

    /**
     * A copy of one parameter's optimizer state, to look at or compare: e.g. Adam's {@code mean}
     * and {@code variance}, the momentum {@code velocity}. Empty before the first update and after
     * a reset.
     *
     * @param parameter a full name, e.g. {@code dense_1.weight}
     * @return the state arrays' values by name
     */
    public Map<String, float[]> optimizerState(String parameter) {
        List<String> names = trainable().stream().map(ParamSpec::name).toList();
        if (!names.contains(parameter)) {
            throw new IllegalArgumentException("optimizerState(" + (parameter == null ? "null" : "\"" + parameter + "\"")
                    + "): no trainable parameter of that name. Parameters: " + names + ".");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        ParamState s = state().optimizerStates().get(parameter);
        if (s != null) {
            s.slots().forEach((slot, a) -> out.put(slot, a.toFloatArray()));
        }
        return out;
    }

    /** @return the parameters weight decay skips under the current optimizer, by full name */
    public List<String> noDecayParameters() {
        return trainable().stream().filter(p -> !optimizer.decays(p)).map(ParamSpec::name).toList();
    }

    private List<ParamSpec> trainable() {
        return state().net().parameters().stream().filter(p -> p.role().trainable()).toList();
    }

    private Learner retune(String what, String from, String to, Optimizer changed, boolean keepClock) {
        return retune(what, from, to, changed, keepClock, null);
    }

    /** Sets the changed optimizer, keeping its state; says what changed, and about the state unless told. */
    private Learner retune(String what, String from, String to, Optimizer changed, boolean keepClock,
            String aboutState) {
        TrainingState state = state();
        if (!keepClock) {
            state.restartScheduleClock();
        }
        optimizer = changed;
        if (state.step() > 0) {
            String held = String.join(", ", OptimizerSwitch.held(state));
            System.out.println(what + ": " + from + " → " + to + " from step " + (state.step() + 1) + " ("
                    + OptimizerSwitch.kind(changed) + "); " + (aboutState != null ? aboutState
                    : held.isEmpty() ? "no optimizer state to keep."
                    : "optimizer state kept (" + held + " of " + OptimizerSwitch.parametersWithState(state)
                    + " parameters)."));
            event(what.toLowerCase(java.util.Locale.ROOT) + " → " + to);
        }
        return (Learner) this;
    }

    /** The rule a new value applies to: the old schedule until now, then the new one from its step 0. */
    private Schedule running(Schedule before, Schedule next, boolean keepClock) {
        long t = state().optimizerStep();
        return keepClock && t > 0 ? before.then(t, next) : next;
    }

    private static boolean constant(Schedule s) {
        return s.recipe() != null && s.recipe().kind().equals("constant");
    }

    private static String off(double v) {
        return v > 0 ? Schedule.num(v) : "off";
    }

    private BaseOptimizer<?> libraryRule(String call) {
        if (!(optimizer instanceof BaseOptimizer<?> base)) {
            throw new IllegalArgumentException(call + ": the optimizer " + optimizer.describe() + " is not one of"
                    + " Optimizers' rules, so the learner cannot change its settings; set a new one with"
                    + " learner.optimizer(…).");
        }
        return base;
    }

    private static String has(Optimizer o) {
        return o instanceof BaseOptimizer<?> b ? "its settings are " + String.join(", ", b.settingNames())
                : "it is not one of Optimizers' rules";
    }

    /** A misspelt exemption would silently decay what the user meant to spare: refuse it first. */
    private void requireExemptionsMatch(Optimizer o) {
        if (o instanceof BaseOptimizer<?> base) {
            List<String> unmatched = base.unmatchedNoDecay(trainable());
            if (!unmatched.isEmpty()) {
                throw new IllegalArgumentException("noDecayOn(" + String.join(", ", unmatched.stream().map(p -> "\"" + p
                        + "\"").toList()) + "): matches no parameter of this net, so it would exempt nothing."
                        + " Parameters: " + trainable().stream().map(ParamSpec::name).toList() + ". Use a parameter"
                        + " or layer name, or a pattern such as \"*.bias\" or \"batchnorm*\".");
            }
        }
    }

    /** Says how many parameters weight decay skips, when it skips any. */
    private void reportExemptions() {
        if (!(optimizer instanceof BaseOptimizer<?> base) || base.weightDecay() == 0) {
            return;
        }
        List<ParamSpec> all = trainable();
        List<ParamSpec> exempt = all.stream().filter(p -> !optimizer.decays(p)).toList();
        if (exempt.isEmpty()) {
            return;
        }
        long values = exempt.stream().mapToLong(ParamSpec::size).sum();
        long total = all.stream().mapToLong(ParamSpec::size).sum();
        System.out.println(String.format(java.util.Locale.ROOT, "Weight decay %s skips %d of %d parameters (%s: %,d of"
                + " %,d values).", Schedule.num(base.weightDecay()), exempt.size(), all.size(),
                String.join(", ", exempt.stream().map(ParamSpec::name).toList()), values, total));
    }
}
