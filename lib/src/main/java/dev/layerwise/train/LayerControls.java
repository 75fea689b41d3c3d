package dev.layerwise.train;

import dev.layerwise.nn.Net;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.LayerRates;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Pattern;

/** A learner's per-layer learning-rate rules and frozen layers, and the per-parameter result. */
final class LayerControls {
    private final Net net;
    private final Set<String> frozen = new LinkedHashSet<>();
    private LayerRates rates = LayerRates.none();
    private Map<String, ParamUpdate> cache;

    LayerControls(Net net) {
        this.net = net;
    }

    void rate(String layerOrPattern, double factor) {
        requireLayers("layerRate", layerOrPattern);
        rates = rates.with(layerOrPattern, factor);
        cache = null;
    }

    void byDepth(IntToDoubleFunction byDepth) {
        LayerRates next = rates.byDepth(byDepth);
        next.requireValidDepths(depths());
        rates = next;
        cache = null;
    }

    void rates(LayerRates newRates) {
        LayerRates next = newRates == null ? LayerRates.none() : newRates;
        List<String> unmatched = next.unmatched(net.allLayerNames());
        if (!unmatched.isEmpty()) {
            throw new IllegalArgumentException("layerRates(" + next + "): " + unmatched + " match" + (unmatched.size() == 1
                    ? "es" : "") + " no layer, so the rule would do nothing. Layers: " + net.allLayerNames()
                    + ". Use a name or a pattern such as \"dense_*\".");
        }
        next.requireValidDepths(depths());
        rates = next;
        cache = null;
    }

    /** The number of layers with parameters: the depths a depth rule is asked about. */
    private int depths() {
        return (int) net.parameters().stream().map(p -> p.name().substring(0, p.name().lastIndexOf('.')))
                .distinct().count();
    }

    LayerRates rates() {
        return rates;
    }

    void freeze(boolean on, String what, String... layersOrPatterns) {
        if (layersOrPatterns == null || layersOrPatterns.length == 0) {
            throw new IllegalArgumentException(what + "(): name at least one layer or pattern, e.g. " + what
                    + "(\"dense_1\") or " + what + "(\"dense_*\"). Layers: " + net.allLayerNames() + ".");
        }
        // every name is checked before any layer changes, so a rejected call changes nothing
        for (String l : layersOrPatterns) {
            requireLayers(what, l);
        }
        for (String l : layersOrPatterns) {
            Pattern p = LayerRates.glob(l);
            // a block's layers freeze with it, each by name, so one of them can be unfrozen alone
            List<String> matching = net.allLayerNames().stream().filter(n -> LayerRates.covers(p, n)).toList();
            if (on) {
                frozen.addAll(matching);
            } else {
                frozen.removeAll(matching);
            }
        }
        cache = null;
    }

    Set<String> frozen() {
        return Collections.unmodifiableSet(frozen);
    }

    private void requireLayers(String what, String layerOrPattern) {
        if (layerOrPattern == null || !LayerRates.matchesAny(layerOrPattern, net.allLayerNames())) {
            throw new IllegalArgumentException(what + "(\"" + layerOrPattern + "\"): no layer matches. Layers: "
                    + net.allLayerNames() + ". Use a name or a pattern such as \"dense_*\".");
        }
    }

    /** @return each layer's learning-rate multiplier where it is not 1, as the rules resolve it now */
    Map<String, Double> layerFactors(List<ParamSpec> specs) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (ParamSpec p : specs) {
            double scale = updateRule(specs, p.name()).rateScale();
            if (scale != 1) {
                out.put(p.name().substring(0, p.name().lastIndexOf('.')), scale);
            }
        }
        return out;
    }

    /** The multiplier and frozen flag of a parameter, recomputed only when the rules change. */
    ParamUpdate updateRule(List<ParamSpec> specs, String parameter) {
        if (cache == null) {
            Map<String, ParamUpdate> rules = new HashMap<>();
            Map<String, Integer> depth = new HashMap<>();
            for (ParamSpec p : specs) {
                String layer = p.name().substring(0, p.name().lastIndexOf('.'));
                depth.putIfAbsent(layer, depth.size() + 1);
                rules.put(p.name(), new ParamUpdate(rates.scale(layer, depth.get(layer)), frozen.contains(layer)));
            }
            cache = rules;
        }
        return cache.get(parameter);
    }
}
