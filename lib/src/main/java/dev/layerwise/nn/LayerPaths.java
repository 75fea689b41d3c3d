package dev.layerwise.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Names of a net's layers, blocks included: automatic names, the rules a name must follow, and
 * lookups by path. A path is a layer's name, preceded by its block's name for a layer inside a
 * block ({@code res_2.conv2d_1}) and by {@code shortcut} for a layer of the block's shortcut
 * ({@code res_2.shortcut.conv2d_1}).
 */
final class LayerPaths {
    private static final String SHORTCUT = "shortcut.";

    private LayerPaths() {}

    /** The first free name {@code prefix_n}; numbering is per kind and per net (or block). */
    static String next(Net net, String prefix) {
        int n = 1;
        while (net.layerNames().contains(prefix + "_" + n)) {
            n++;
        }
        return prefix + "_" + n;
    }

    /** Rejects a blank or taken name, and dots, which separate a block from its layers. */
    static void requireUsable(Net net, String name) {
        String problem = name.isBlank() ? "blank" : name.contains(".") ? "not allowed: a dot separates a block's"
                + " name from its layers'" : net.layerNames().contains(name) ? "already used" : null;
        if (problem != null) {
            throw new IllegalArgumentException("Layer name '" + name + "' is " + problem + "; names in a net must be"
                    + " unique and non-empty. Layers now: " + net.layerNames() + ".");
        }
    }

    /** Every layer's path, in order, each block followed by the layers inside it. */
    static List<String> all(Net net) {
        List<String> out = new ArrayList<>();
        for (Layer l : net.layers()) {
            out.add(l.name());
            if (l instanceof Residual r) {
                all(r.body()).forEach(n -> out.add(l.name() + "." + n));
                all(r.shortcut()).forEach(n -> out.add(l.name() + "." + SHORTCUT + n));
            }
        }
        return out;
    }

    /** The layer at a path; fails naming every path when there is none. */
    static Layer require(Net net, String path) {
        Layer l = path == null ? null : find(net, path);
        if (l == null) {
            throw new IllegalArgumentException("No layer named '" + path + "'. Layers: " + all(net) + ".");
        }
        return l;
    }

    /** The layer at a path, or null. */
    static Layer find(Net net, String path) {
        int dot = path.indexOf('.');
        int i = net.layerNames().indexOf(dot < 0 ? path : path.substring(0, dot));
        if (i < 0) {
            return null;
        }
        Layer top = net.layers().get(i);
        if (dot < 0) {
            return top;
        }
        if (!(top instanceof Residual r)) {
            return null;
        }
        String rest = path.substring(dot + 1);
        return rest.startsWith(SHORTCUT) ? find(r.shortcut(), rest.substring(SHORTCUT.length())) : find(r.body(), rest);
    }

    /** The net with the layer at a path replaced by {@code change}'s result; the path must exist. */
    static Net change(Net net, String path, UnaryOperator<Layer> change) {
        int dot = path.indexOf('.');
        int i = net.layerNames().indexOf(dot < 0 ? path : path.substring(0, dot));
        Layer top = net.layers().get(i);
        if (dot < 0) {
            return net.replace(i, change.apply(top));
        }
        Residual r = (Residual) top;
        String rest = path.substring(dot + 1);
        return net.replace(i, rest.startsWith(SHORTCUT)
                ? new Residual(r.name(), r.body(), change(r.shortcut(), rest.substring(SHORTCUT.length()), change))
                : new Residual(r.name(), change(r.body(), rest, change), r.shortcut()));
    }
}
