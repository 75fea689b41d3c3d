package dev.layerwise.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trial's hyperparameter values, read by name with a typed getter:
 * {@code p.d("lr")}, {@code p.i("batch")}, {@code p.s("optimizer")}. A name that is not in the
 * space fails with the names that are.
 */
public final class Params {
    private final Map<String, Object> values;

    Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Values given by hand, e.g. to re-run the best trial's settings with a change.
     *
     * @param values name to value
     * @return the values
     */
    public static Params of(Map<String, ?> values) {
        return new Params(new LinkedHashMap<>(values));
    }

    /**
     * A value as it was drawn.
     *
     * @param name the hyperparameter's name
     * @return a Double, an Integer, or one of a choice's values
     */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No hyperparameter '" + name + "'; this trial has " + values.keySet()
                    + ". Check the spelling against the search space.");
        }
        return v;
    }

    /**
     * A number as a double.
     *
     * @param name e.g. {@code "lr"}
     * @return the value
     */
    public double d(String name) {
        Object v = get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("'" + name + "' is " + describe(v) + ", not a number; read it with s(\""
                    + name + "\").");
        }
        return n.doubleValue();
    }

    /**
     * A whole number as an int; a real value is refused rather than rounded.
     *
     * @param name e.g. {@code "batch"}
     * @return the value
     */
    public int i(String name) {
        double v = d(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + name + "' is " + v + ", not a whole number; read it with d(\""
                    + name + "\") or declare it with intRange or choice.");
        }
        return (int) v;
    }

    /**
     * A value as a string, e.g. an optimizer's name.
     *
     * @param name e.g. {@code "optimizer"}
     * @return the value's text
     */
    public String s(String name) {
        return String.valueOf(get(name));
    }

    /**
     * A boolean choice.
     *
     * @param name e.g. {@code "batchNorm"}
     * @return the value
     */
    public boolean b(String name) {
        Object v = get(name);
        if (!(v instanceof Boolean flag)) {
            throw new IllegalArgumentException("'" + name + "' is " + describe(v) + ", not a boolean.");
        }
        return flag;
    }

    private static String describe(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    /** @return every value by name, in the space's order */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * A value formatted for tables: reals with four significant digits.
     *
     * @param name the hyperparameter's name
     * @return the text
     */
    public String format(String name) {
        return format(get(name));
    }

    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d != 0 && (Math.abs(d) < 1e-3 || Math.abs(d) >= 1e5) ? String.format(Locale.ROOT, "%.3e", d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.keySet().stream().map(k -> k + "=" + format(k)).collect(Collectors.joining(", "));
    }
}
