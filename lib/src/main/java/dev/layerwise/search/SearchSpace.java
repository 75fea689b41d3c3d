package dev.layerwise.search;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The hyperparameters a search may vary, declared one per call and immutable:
 * <pre>{@code
 * var space = SearchSpace.empty()
 *         .logUniform("lr", 1e-3, 1)
 *         .uniform("momentum", 0, 0.95)
 *         .choice("batch", 10, 50, 100)
 *         .choice("optimizer", "sgd", "adam");
 * }</pre>
 * Use it with {@link Search#random(SearchSpace)} or {@link Search#bayesian(SearchSpace)}. Each
 * point of the space maps to the unit hypercube, one coordinate per hyperparameter, as described
 * in {@link Hyperparameter}.
 */
public final class SearchSpace implements Displayable {
    private final List<Hyperparameter> params;

    private SearchSpace(List<Hyperparameter> params) {
        this.params = Collections.unmodifiableList(params);
    }

    /** @return a space with no hyperparameters yet */
    public static SearchSpace empty() {
        return new SearchSpace(List.of());
    }

    private SearchSpace with(Hyperparameter p) {
        if (p.name() == null || p.name().isBlank()) {
            throw new IllegalArgumentException("A hyperparameter needs a name, e.g. logUniform(\"lr\", 1e-3, 1).");
        }
        if (params.stream().anyMatch(q -> q.name().equals(p.name()))) {
            throw new IllegalArgumentException("'" + p.name() + "' is declared twice; the space already has "
                    + names() + ". Use another name or remove one declaration.");
        }
        List<Hyperparameter> more = new ArrayList<>(params);
        more.add(p);
        return new SearchSpace(more);
    }

    /**
     * Adds a real hyperparameter drawn uniformly in its logarithm, for scales such as learning
     * rates and weight decay (Bergstra and Bengio 2012).
     *
     * @param name e.g. {@code "lr"}
     * @param lo the smallest value, &gt; 0
     * @param hi the largest value
     * @return the larger space
     */
    public SearchSpace logUniform(String name, double lo, double hi) {
        return with(Hyperparameter.range(name, Hyperparameter.Kind.LOG_UNIFORM, lo, hi));
    }

    /**
     * Adds a real hyperparameter drawn uniformly, e.g. momentum or a dropout rate.
     *
     * @param name e.g. {@code "momentum"}
     * @param lo the smallest value
     * @param hi the largest value
     * @return the larger space
     */
    public SearchSpace uniform(String name, double lo, double hi) {
        return with(Hyperparameter.range(name, Hyperparameter.Kind.UNIFORM, lo, hi));
    }

    /**
     * Adds a whole-number hyperparameter, both bounds included, e.g. a layer's width.
     *
     * @param name e.g. {@code "width"}
     * @param lo the smallest value
     * @param hi the largest value
     * @return the larger space
     */
    public SearchSpace intRange(String name, int lo, int hi) {
        return with(Hyperparameter.range(name, Hyperparameter.Kind.INT, lo, hi));
    }

    /**
     * Adds a hyperparameter that takes one of a list of values: numbers (batch sizes), strings
     * (optimizer names) or booleans. Declare ordered values in order.
     *
     * @param name e.g. {@code "batch"}
     * @param values the values, at least one, no repeats
     * @return the larger space
     */
    public SearchSpace choice(String name, Object... values) {
        return with(Hyperparameter.choice(name, values));
    }

    /** @return the hyperparameters in declared order */
    public List<Hyperparameter> hyperparameters() {
        return params;
    }

    /** @return the hyperparameters' names in declared order */
    public List<String> names() {
        return params.stream().map(Hyperparameter::name).toList();
    }

    /**
     * One hyperparameter by name.
     *
     * @param name its name
     * @return the hyperparameter
     */
    public Hyperparameter get(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("No hyperparameter '" + name + "' in this space; it has "
                        + names() + "."));
    }

    /** @return how many hyperparameters, the dimension of the unit hypercube */
    public int dimension() {
        return params.size();
    }

    /**
     * Draws one point: each hyperparameter independently (random search).
     *
     * @param random the source of randomness
     * @return the values
     */
    public Params sample(Random random) {
        requireNonEmpty();
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach(p -> values.put(p.name(), p.sample(random)));
        return new Params(values);
    }

    /**
     * The values at a point of the unit hypercube.
     *
     * @param unit one coordinate in [0, 1] per hyperparameter, in declared order
     * @return the values
     */
    public Params fromUnit(double[] unit) {
        requireNonEmpty();
        if (unit.length != params.size()) {
            throw new IllegalArgumentException("fromUnit: got " + unit.length + " coordinates, the space has "
                    + params.size() + " hyperparameters " + names() + ".");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < unit.length; i++) {
            values.put(params.get(i).name(), params.get(i).fromUnit(unit[i]));
        }
        return new Params(values);
    }

    /**
     * The point of the unit hypercube that stands for some values.
     *
     * @param values values of every hyperparameter of this space
     * @return one coordinate in [0, 1] per hyperparameter
     */
    public double[] toUnit(Params values) {
        double[] unit = new double[params.size()];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = params.get(i).toUnit(values.get(params.get(i).name()));
        }
        return unit;
    }

    void requireNonEmpty() {
        if (params.isEmpty()) {
            throw new IllegalStateException("The search space is empty; declare what to vary, e.g."
                    + " SearchSpace.empty().logUniform(\"lr\", 1e-3, 1).");
        }
    }

    @Override
    public String toString() {
        return "SearchSpace: " + (params.isEmpty() ? "empty"
                : params.stream().map(Hyperparameter::toString).collect(Collectors.joining(" · ")));
    }

    @Override
    public MimeBundle toMimeBundle() {
        return MimeBundle.text(toString());
    }
}
