package dev.layerwise.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One declared hyperparameter of a {@link SearchSpace}: its name, its kind and its range. It draws
 * values from a seeded {@link Random} and maps values to and from the unit interval, where the
 * Gaussian process of Bayesian search works.
 *
 * <p>The unit mapping: a uniform range maps linearly, a log-uniform range linearly in the
 * logarithm, an integer range and a choice of k values split [0, 1] into equal cells, value i at
 * the cell's centre (i + ½)/k. Choices therefore keep their declared order: declare ordered values
 * (batch sizes) in order; unordered ones (optimizer names) work too, the surrogate just assumes
 * neighbours in the list behave alike.
 */
public final class Hyperparameter {
    /** How a hyperparameter's values are spread. */
    public enum Kind {
        /** Real values, equally likely anywhere in [lo, hi]. */
        UNIFORM,
        /** Positive real values, equally likely in each decade: a learning rate. */
        LOG_UNIFORM,
        /** Whole numbers lo, lo + 1, …, hi, equally likely. */
        INT,
        /** One of a list of numbers or strings, equally likely. */
        CHOICE
    }

    private final String name;
    private final Kind kind;
    private final double lo;
    private final double hi;
    private final List<Object> choices;

    private Hyperparameter(String name, Kind kind, double lo, double hi, List<Object> choices) {
        this.name = name;
        this.kind = kind;
        this.lo = lo;
        this.hi = hi;
        this.choices = choices;
    }

    static Hyperparameter range(String name, Kind kind, double lo, double hi) {
        String call = kind.name().toLowerCase(Locale.ROOT) + "(\"" + name + "\", " + lo + ", " + hi + ")";
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException(call + ": expected finite bounds with lo < hi, e.g. uniform(\"momentum\","
                    + " 0, 0.99).");
        }
        if (kind == Kind.LOG_UNIFORM && !(lo > 0)) {
            throw new IllegalArgumentException(call + ": a log-uniform range needs lo > 0; for a rate use e.g."
                    + " logUniform(\"lr\", 1e-4, 1).");
        }
        if (kind == Kind.INT && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
            throw new IllegalArgumentException(call + ": an integer range needs whole-number bounds.");
        }
        return new Hyperparameter(name, kind, lo, hi, List.of());
    }

    static Hyperparameter choice(String name, Object... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("choice(\"" + name + "\"): give at least one value, e.g. choice(\""
                    + name + "\", 10, 50, 100).");
        }
        List<Object> list = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof Number) && !(v instanceof String) && !(v instanceof Boolean)) {
                throw new IllegalArgumentException("choice(\"" + name + "\"): value " + v + " is a "
                        + (v == null ? "null" : v.getClass().getSimpleName()) + "; expected numbers, strings or"
                        + " booleans. Choose a name and build the object from it in the objective.");
            }
            if (list.contains(v)) {
                throw new IllegalArgumentException("choice(\"" + name + "\"): value " + v + " is listed twice.");
            }
            list.add(v);
        }
        return new Hyperparameter(name, Kind.CHOICE, 0, list.size() - 1, Collections.unmodifiableList(list));
    }

    /** @return the name the objective reads it by */
    public String name() {
        return name;
    }

    /** @return how its values are spread */
    public Kind kind() {
        return kind;
    }

    /** @return the lower bound (for a choice, 0) */
    public double lo() {
        return lo;
    }

    /** @return the upper bound (for a choice, the last index) */
    public double hi() {
        return hi;
    }

    /** @return the values of a choice, in declared order; empty for ranges */
    public List<Object> choices() {
        return choices;
    }

    /** @return whether its values are best plotted on a logarithmic axis */
    public boolean isLogScale() {
        if (kind == Kind.LOG_UNIFORM) {
            return true;
        }
        if (kind == Kind.CHOICE && choices.stream().allMatch(v -> v instanceof Number n && n.doubleValue() > 0)) {
            double min = choices.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(1);
            double max = choices.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(1);
            return max / min >= 20;
        }
        return false;
    }

    /** @return whether its values are numbers (a choice of strings is not) */
    public boolean isNumeric() {
        return kind != Kind.CHOICE || choices.stream().allMatch(v -> v instanceof Number);
    }

    /**
     * Draws a value.
     *
     * @param random the source of randomness
     * @return a Double, an Integer, or one of the choices
     */
    public Object sample(Random random) {
        return fromUnit(random.nextDouble());
    }

    /**
     * The value at a point of the unit interval.
     *
     * @param u a number in [0, 1]; values outside are clamped
     * @return the value
     */
    public Object fromUnit(double u) {
        double t = Math.min(1, Math.max(0, u));
        return switch (kind) {
            case UNIFORM -> lo + t * (hi - lo);
            case LOG_UNIFORM -> Math.min(hi, Math.max(lo, Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)))));
            case INT -> (int) (lo + cell(t, (int) (hi - lo) + 1));
            case CHOICE -> choices.get(cell(t, choices.size()));
        };
    }

    private static int cell(double t, int k) {
        return Math.min(k - 1, (int) Math.floor(t * k));
    }

    /**
     * The point of the unit interval that stands for a value: the inverse of {@link #fromUnit}.
     *
     * @param value a value of this hyperparameter
     * @return a number in [0, 1]
     */
    public double toUnit(Object value) {
        return switch (kind) {
            case UNIFORM -> (number(value) - lo) / (hi - lo);
            case LOG_UNIFORM -> (Math.log(number(value)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
            case INT -> (number(value) - lo + 0.5) / (hi - lo + 1);
            case CHOICE -> {
                int i = choices.indexOf(value);
                if (i < 0) {
                    throw new IllegalArgumentException("'" + name + "' = " + value + " is not one of " + choices + ".");
                }
                yield (i + 0.5) / choices.size();
            }
        };
    }

    private double number(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("'" + name + "' = " + value + ": expected a number.");
        }
        return n.doubleValue();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case UNIFORM -> String.format(Locale.ROOT, "%s ~ uniform[%g, %g]", name, lo, hi);
            case LOG_UNIFORM -> String.format(Locale.ROOT, "%s ~ log-uniform[%g, %g]", name, lo, hi);
            case INT -> String.format(Locale.ROOT, "%s ∈ {%d … %d}", name, (long) lo, (long) hi);
            case CHOICE -> name + " ∈ " + choices;
        };
    }
}
