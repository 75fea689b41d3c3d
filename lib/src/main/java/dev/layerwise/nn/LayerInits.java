package dev.layerwise.nn;

/**
 * Which initializer each array gets: a layer's own, else its net's default for weights and biases,
 * else ones for batch-norm scales and running variances and zeros for the rest. Also gives one
 * layer its own initializer, and hands a block's builder defaults to the block's layers.
 */
final class LayerInits {
    private LayerInits() {}

    static Init require(Init init) {
        if (init == null) {
            throw new IllegalArgumentException("init: expected an initializer such as Init.xavier(), got null.");
        }
        return init;
    }

    /** The initializer of an array whose layer has none of its own; null defaults stay null (a block's). */
    static Init resolve(ParamSpec p, Init weights, Init biases) {
        if (p.init() != null) {
            return p.init();
        }
        return switch (p.role()) {
            case WEIGHT -> weights;
            case BIAS -> biases;
            case GAMMA, RUNNING_VAR -> Init.ones();
            default -> Init.zeros();
        };
    }

    /** The net with one dense or conv layer (at a path) given its own weight or bias initializer. */
    static Net withLayerInit(Net net, String path, Init init, boolean weights) {
        Layer l = net.layer(path);
        if (!(l instanceof Dense || l instanceof Conv2d)) {
            throw new IllegalArgumentException("init(\"" + path + "\", …): " + path + " is a " + l.kind()
                    + " layer and has no weights to initialize; layers with weights: " + net.allLayerNames().stream()
                    .filter(n -> net.layer(n) instanceof Dense || net.layer(n) instanceof Conv2d).toList() + ".");
        }
        return LayerPaths.change(net, path, x -> weights ? withDefaults(x, init, null, true)
                : withDefaults(x, null, init, true));
    }

    /**
     * A layer with the given initializers where it has none (or always, when {@code override}),
     * blocks' layers included.
     */
    static Layer withDefaults(Layer l, Init weights, Init biases, boolean override) {
        if (l instanceof Dense d) {
            return d.withInit(pick(d.weightInit(), weights, override), pick(d.biasInit(), biases, override));
        }
        if (l instanceof Conv2d c) {
            return c.withInit(pick(c.weightInit(), weights, override), pick(c.biasInit(), biases, override));
        }
        if (l instanceof Residual r) {
            return new Residual(r.name(), withDefaults(r.body(), weights, biases), withDefaults(r.shortcut(), weights,
                    biases));
        }
        return l;
    }

    /** A block with the defaults set on its builder moved onto its layers, so they travel with the block. */
    static Net withDefaults(Net block, Init weights, Init biases) {
        Net out = Net.block(block.inputShape());
        for (Layer l : block.layers()) {
            out = out.add(withDefaults(l, weights, biases, false));
        }
        return out;
    }

    private static Init pick(Init own, Init given, boolean override) {
        return given != null && (override || own == null) ? given : own;
    }
}
