package dev.layerwise.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Learning-rate multipliers per layer, by name, by name pattern ({@code dense_*}) or by depth
 * (1 = the first layer with parameters). A layer's multiplier is the product of every rule that
 * matches it, and it multiplies the optimizer's (possibly scheduled) rate. A rule for a residual
 * block ({@code res_2}) covers every layer inside it ({@code res_2.conv2d_1}).
 */
public final class LayerRates {
    private static final LayerRates NONE = new LayerRates(List.of());
    private final List<Rule> rules;

    /** One multiplier rule. */
    private record Rule(String key, Pattern pattern, IntToDoubleFunction byDepth, double factor) {
        double scale(String layer, int depth) {
            if (byDepth != null) {
                return byDepth.applyAsDouble(depth);
            }
            return covers(pattern, layer) ? factor : 1;
        }
    }

    private LayerRates(List<Rule> rules) {
        this.rules = rules;
    }

    /** @return no multipliers: every layer at the optimizer's rate */
    public static LayerRates none() {
        return NONE;
    }

    /**
     * Turns a layer name or a glob pattern ({@code *} any characters, {@code ?} one) into a regex.
     *
     * @param glob e.g. {@code dense_*}
     * @return the pattern
     */
    public static Pattern glob(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(sb.toString());
    }

    /**
     * Whether a pattern names a layer or a block the layer is inside: {@code res_2} and
     * {@code res_*} cover {@code res_2.conv2d_1}.
     *
     * @param pattern from {@link #glob(String)}
     * @param layer a layer's name or path
     * @return true if the pattern matches the layer or one of its enclosing blocks
     */
    public static boolean covers(Pattern pattern, String layer) {
        for (int dot = layer.indexOf('.'); dot >= 0; dot = layer.indexOf('.', dot + 1)) {
            if (pattern.matcher(layer.substring(0, dot)).matches()) {
                return true;
            }
        }
        return pattern.matcher(layer).matches();
    }

    /**
     * These rates with one more rule for a layer name or pattern; a rule for the same name or
     * pattern is replaced.
     *
     * @param layerOrPattern e.g. {@code dense_1} or {@code dense_*}
     * @param factor the multiplier, at least 0
     * @return the new rates
     */
    public LayerRates with(String layerOrPattern, double factor) {
        if (layerOrPattern == null || layerOrPattern.isBlank()) {
            throw new IllegalArgumentException("layerRate(" + (layerOrPattern == null ? "null" : "\"\"") + ", " + factor
                    + "): expected a layer name or a pattern such as \"dense_*\".");
        }
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("layerRate(\"" + layerOrPattern + "\", " + factor
                    + "): the multiplier must be a finite number ≥ 0 (0 stops the layer learning; freeze() says so"
                    + " more plainly).");
        }
        List<Rule> next = new ArrayList<>(rules);
        next.removeIf(r -> layerOrPattern.equals(r.key()));
        next.add(new Rule(layerOrPattern, glob(layerOrPattern), null, factor));
        return new LayerRates(Collections.unmodifiableList(next));
    }

    /**
     * These rates with a multiplier by depth, replacing an earlier depth rule; e.g.
     * {@code d -> Math.pow(2, 4 - d)} makes early layers learn faster.
     *
     * @param byDepth the multiplier of the layer at each depth, from 1
     * @return the new rates
     */
    public LayerRates byDepth(IntToDoubleFunction byDepth) {
        if (byDepth == null) {
            throw new IllegalArgumentException("layerRatesByDepth(null): expected a function of the depth, e.g."
                    + " d -> Math.pow(2, 4 - d).");
        }
        List<Rule> next = new ArrayList<>(rules);
        next.removeIf(r -> r.byDepth() != null);
        next.add(new Rule("depth", null, byDepth, Double.NaN));
        return new LayerRates(Collections.unmodifiableList(next));
    }

    /**
     * The multiplier of one layer.
     *
     * @param layer the layer's name
     * @param depth its depth among layers with parameters, from 1
     * @return the product of the matching rules
     */
    public double scale(String layer, int depth) {
        double s = 1;
        for (Rule r : rules) {
            s *= r.scale(layer, depth);
        }
        return s;
    }

    /**
     * Whether a name or pattern matches any of the given layers.
     *
     * @param layerOrPattern a name or glob
     * @param layers the layer names
     * @return true if one matches
     */
    public static boolean matchesAny(String layerOrPattern, List<String> layers) {
        Pattern p = glob(layerOrPattern);
        return layers.stream().anyMatch(l -> p.matcher(l).matches());
    }

    /**
     * The name rules that match none of the given layers, e.g. a misspelt name; a learner refuses
     * rates with such rules, which would silently do nothing.
     *
     * @param layers the layer names of a net
     * @return the unmatched names and patterns, in rule order
     */
    public List<String> unmatched(List<String> layers) {
        return rules.stream().filter(r -> r.pattern() != null && !matchesAny(r.key(), layers)).map(Rule::key).toList();
    }

    /**
     * Checks that a depth rule gives a usable multiplier (finite, ≥ 0) at every depth.
     *
     * @param depths the number of layers with parameters
     * @throws IllegalArgumentException naming the first depth with a bad multiplier
     */
    public void requireValidDepths(int depths) {
        for (Rule r : rules) {
            if (r.byDepth() == null) {
                continue;
            }
            for (int d = 1; d <= depths; d++) {
                double f = r.byDepth().applyAsDouble(d);
                if (!(f >= 0) || Double.isInfinite(f)) {
                    throw new IllegalArgumentException("layerRatesByDepth: the multiplier at depth " + d + " is " + f
                            + "; every layer (depths 1 to " + depths + ") needs a finite multiplier ≥ 0,"
                            + " e.g. d -> Math.pow(2, " + depths + " - d).");
                }
            }
        }
    }

    /** @return whether there are no rules */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        if (rules.isEmpty()) {
            return "layer rates: none";
        }
        List<String> parts = new ArrayList<>();
        for (Rule r : rules) {
            parts.add(r.byDepth() != null ? "by depth" : r.key() + " × " + String.format(Locale.ROOT, "%s",
                    Schedule.num(r.factor())));
        }
        return "layer rates: " + String.join(", ", parts);
    }
}
