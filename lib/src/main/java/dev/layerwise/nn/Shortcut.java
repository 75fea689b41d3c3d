package dev.layerwise.nn;

import java.util.function.UnaryOperator;

/**
 * The path around a residual block's body, whose output is added to the body's:
 * {@link #identity()} passes the input unchanged (the two shapes must then be equal);
 * {@link #projection()} maps it with a learned 1×1 convolution or dense layer, the W<sub>s</sub>
 * of He et al. (2016, eq. 2), for a body that changes the shape; {@link #of} takes any layers.
 * <pre>{@code
 * net.residual(b -> b.conv2d(32, 3, 2, 1).batchNorm().relu().conv2d(32, 3, 1, 1).batchNorm(), Shortcut.projection())
 * }</pre>
 * The shortcut's layers are named inside the block under {@code shortcut}, e.g.
 * {@code res_2.shortcut.conv2d_1.weight}.
 */
public final class Shortcut {
    private static final Shortcut IDENTITY = new Shortcut("identity", null);
    private static final Shortcut PROJECTION = new Shortcut("projection", null);
    private final String description;
    private final UnaryOperator<Net> layers;

    private Shortcut(String description, UnaryOperator<Net> layers) {
        this.description = description;
        this.layers = layers;
    }

    /** @return the input itself, added unchanged: no parameters, and gradients pass straight through */
    public static Shortcut identity() {
        return IDENTITY;
    }

    /**
     * A learned linear map to the body's output shape: for images a 1×1 convolution with the stride
     * that gives the body's height and width, for vectors a dense layer.
     *
     * @return the projection shortcut
     */
    public static Shortcut projection() {
        return PROJECTION;
    }

    /**
     * A shortcut of any layers, built like the body from the block's input, e.g.
     * {@code Shortcut.of(s -> s.conv2d(32, 1, 2, 0).batchNorm())} (torchvision's ResNet shortcut).
     *
     * @param layers builds the shortcut from a builder that starts at the block's input
     * @return the shortcut
     */
    public static Shortcut of(UnaryOperator<Net> layers) {
        if (layers == null) {
            throw new IllegalArgumentException("Shortcut.of(null): expected a function that adds layers, e.g."
                    + " Shortcut.of(s -> s.conv2d(32, 1, 2, 0).batchNorm()); or use Shortcut.identity() or"
                    + " Shortcut.projection().");
        }
        return new Shortcut("custom", layers);
    }

    /**
     * The shortcut's layers for one block.
     *
     * @param block the block's name, for messages
     * @param in the block's input shape
     * @param out the body's output shape
     * @return an empty net for the identity, else the shortcut's layers
     */
    Net build(String block, long[] in, long[] out) {
        Net start = Net.block(in);
        if (this == IDENTITY) {
            return start;
        }
        if (this == PROJECTION) {
            return projection(block, start, in, out);
        }
        return Residual.built(block, "shortcut", start, layers);
    }

    private static Net projection(String block, Net start, long[] in, long[] out) {
        if (in.length == 1 && out.length == 1) {
            return start.dense(Math.toIntExact(out[0]));
        }
        if (in.length == 3 && out.length == 3) {
            for (int stride = 1; stride <= Math.max(in[1], in[2]); stride++) {
                if ((in[1] - 1) / stride + 1 == out[1] && (in[2] - 1) / stride + 1 == out[2]) {
                    return start.conv2d(Math.toIntExact(out[0]), 1, stride, 0);
                }
            }
        }
        throw new ShapeMismatchException(block, block + ": a projection shortcut cannot turn the input "
                + Shapes.format(in) + " into the body's output " + Shapes.format(out) + ": it maps vectors with one"
                + " dense layer and images with one 1×1 convolution, whose stride must give the output's height and"
                + " width. Give the shortcut its own layers, e.g. Shortcut.of(s -> s.conv2d(" + out[0]
                + ", 3, 2, 1)), or change the body so its output has the input's kind of shape.");
    }

    @Override
    public String toString() {
        return "Shortcut." + description;
    }
}
