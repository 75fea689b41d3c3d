package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A residual block (He et al. 2016, "Deep Residual Learning for Image Recognition"): the output is
 * {@code body(x) + shortcut(x)}, so the body learns a correction to its input and gradients reach
 * earlier layers through the sum undiminished. Build one with {@link Net#residual} or
 * {@link Net#resBlock}; the ReLU that ResNets apply after the sum is the next layer of the net.
 *
 * <p>Names: the block is counted like any layer ({@code res_1}, {@code res_2}, …); the body's
 * layers are counted within the block and named under it ({@code res_2.conv2d_1}), the
 * shortcut's under {@code shortcut} ({@code res_2.shortcut.conv2d_1}); their arrays add the
 * parameter's name ({@code res_2.conv2d_1.weight}).
 *
 * @param name the block's name
 * @param body the layers the input goes through, at least one; built from the block's input shape
 * @param shortcut the layers added to the body's output: none for the identity
 */
public record Residual(String name, Net body, Net shortcut) implements Layer {
    /** Checks that the body has layers and that its output can be added to the shortcut's. */
    public Residual {
        String who = name == null ? "the residual block" : name;
        if (body == null || shortcut == null) {
            throw new IllegalArgumentException(who + ": the body and the shortcut must be nets (an empty shortcut"
                    + " is the identity); build blocks with net.residual(b -> …) or net.resBlock(filters, stride).");
        }
        if (body.layers().isEmpty()) {
            throw new IllegalArgumentException(who + ": the block's body has no layers, so the block would only"
                    + " double its input. Give it layers, e.g. residual(b -> b.conv2d(16, 3, 1, 1).batchNorm().relu()"
                    + ".conv2d(16, 3, 1, 1).batchNorm()), or leave the block out.");
        }
        if (!Arrays.equals(body.inputShape(), shortcut.inputShape())) {
            throw new IllegalArgumentException(who + ": the body starts from " + Shapes.format(body.inputShape())
                    + " but the shortcut from " + Shapes.format(shortcut.inputShape()) + "; both take the block's input.");
        }
        if (body.layerNames().contains("shortcut")) {
            throw new IllegalArgumentException(who + ": a layer of the body is named 'shortcut', the name the block"
                    + " gives its shortcut's layers; rename it with .named(…).");
        }
        if (!Arrays.equals(body.outputShape(), shortcut.outputShape())) {
            throw new ShapeMismatchException(who, shortcutMismatch(who, body, shortcut));
        }
    }

    private static String shortcutMismatch(String who, Net body, Net shortcut) {
        String shapes = Shapes.format(body.outputShape());
        if (shortcut.layers().isEmpty()) {
            return who + ": the body turns " + Shapes.format(body.inputShape()) + " into " + shapes + ", but the"
                    + " identity shortcut passes the input " + Shapes.format(shortcut.outputShape()) + " unchanged, and"
                    + " the two are added, so they must have the same shape. Use a projection:"
                    + " .residual(b -> …, Shortcut.projection()), or keep the body's output shape.";
        }
        return who + ": the body gives " + shapes + " but the shortcut gives " + Shapes.format(shortcut.outputShape())
                + "; the two are added, so they must have the same shape. Use Shortcut.projection(), which matches"
                + " the body's shape, or change the shortcut's layers.";
    }

    /**
     * Builds a block from its parts, as {@link Net#residual(UnaryOperator, Shortcut)} does.
     *
     * @param name the block's name
     * @param in the block's input shape
     * @param body adds the body's layers to a builder that starts at the input
     * @param shortcut the shortcut
     * @return the block
     */
    static Residual of(String name, long[] in, UnaryOperator<Net> body, Shortcut shortcut) {
        if (body == null) {
            throw new IllegalArgumentException("residual(null): expected the block's body, e.g."
                    + " residual(b -> b.conv2d(16, 3, 1, 1).batchNorm().relu().conv2d(16, 3, 1, 1).batchNorm()).");
        }
        if (shortcut == null) {
            throw new IllegalArgumentException("residual(…, null): expected Shortcut.identity(), Shortcut.projection()"
                    + " or Shortcut.of(s -> …).");
        }
        Net b = built(name, "body", Net.block(in), body);
        return new Residual(name, b, shortcut.build(name, in, b.outputShape()));
    }

    /**
     * ResNet's basic block: conv 3×3 (stride) – BN – ReLU – conv 3×3 – BN, plus the input, projected
     * by a 1×1 conv and BN when the shape changes; dense layers in place of convolutions for vectors.
     */
    static Residual basic(String name, long[] in, int width, int stride) {
        if (width < 1 || stride < 1) {
            throw new IllegalArgumentException("resBlock(" + width + ", " + stride + "): expected a width (filters or"
                    + " units) and a stride of at least 1, e.g. resBlock(32, 2) to halve an image and double its filters.");
        }
        if (in.length == 3) {
            boolean same = stride == 1 && in[0] == width;
            return of(name, in, b -> b.conv2d(width, 3, stride, 1).batchNorm().relu().conv2d(width, 3, 1, 1).batchNorm(),
                    same ? Shortcut.identity() : Shortcut.of(s -> s.conv2d(width, 1, stride, 0).batchNorm()));
        }
        if (in.length == 1 && stride == 1) {
            return of(name, in, b -> b.dense(width).batchNorm().relu().dense(width).batchNorm(),
                    in[0] == width ? Shortcut.identity() : Shortcut.of(s -> s.dense(width).batchNorm()));
        }
        throw new ShapeMismatchException(name, in, "an image [channels, height, width], or a vector [features] with"
                + " stride 1", in.length == 1 ? "A stride shrinks images; for vectors use resBlock(" + width + ")."
                : "Use residual(b -> …) with layers that take this shape.");
    }

    /** Applies the user's function to a block's builder and checks what comes back. */
    static Net built(String block, String part, Net start, UnaryOperator<Net> layers) {
        Net net;
        try {
            net = layers.apply(start);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(block + "." + e.layer(), "In the " + part + " of " + block + ": "
                    + e.getMessage());
        }
        if (net == null || !net.isBlock() || !Arrays.equals(net.inputShape(), start.inputShape())) {
            throw new IllegalArgumentException(block + ": the " + part + " must be built from the builder the block"
                    + " hands you, which starts at the block's input " + Shapes.format(start.inputShape()) + ", e.g."
                    + " residual(b -> b.dense(64).relu().dense(64)); got " + (net == null ? "null" : "a net of its own"
                    + " (" + net.layerNames() + ")") + ".");
        }
        return LayerInits.withDefaults(net, net.weightInit(), net.biasInit());
    }

    @Override
    public String kind() {
        return "Residual";
    }

    @Override
    public String namePrefix() {
        return "res";
    }

    @Override
    public Residual named(String newName) {
        return new Residual(newName, body, shortcut);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (!Arrays.equals(in, body.inputShape())) {
            throw new ShapeMismatchException(name, in, Shapes.format(body.inputShape()) + ", the input it was built"
                    + " for", "Build the block where it is used: net.residual(b -> …) starts the body at the shape of"
                    + " the layer before.");
        }
        return body.outputShape();
    }

    @Override
    public List<ParamSpec> params(long[] in) {
        outputShape(in);
        List<ParamSpec> all = new ArrayList<>(body.parameters());
        shortcut.parameters().forEach(p -> all.add(p.qualified("shortcut")));
        return all;
    }

    @Override
    public String settings() {
        return body.layers().size() + " layers, shortcut: " + (shortcut.layers().isEmpty() ? "identity"
                : shortcut.layers().stream().map(Layer::kind).collect(Collectors.joining(", ")));
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        return forward(x, params, training, (layer, out) -> { });
    }

    /**
     * Runs the block, handing each inner layer's output to {@code inner}, e.g. for activation
     * statistics.
     *
     * @param x the batch
     * @param params the block's arrays, by their names in the block ({@code conv2d_1.weight})
     * @param training training mode
     * @param inner receives each inner layer, renamed to its name in the block
     *              ({@code conv2d_1}, {@code shortcut.conv2d_1}), with its output
     * @return {@code body(x) + shortcut(x)}
     */
    public NDArray forward(NDArray x, LayerParams params, boolean training, BiConsumer<Layer, NDArray> inner) {
        NDArray sum = run(body, "", x, params, training, inner);
        return sum.add(run(shortcut, "shortcut.", x, params, training, inner));
    }

    private static NDArray run(Net net, String scope, NDArray x, LayerParams params, boolean training,
            BiConsumer<Layer, NDArray> inner) {
        NDArray out = x;
        for (Layer l : net.layers()) {
            String path = scope + l.name();
            LayerParams own = p -> params.get(path + "." + p);
            out = l instanceof Residual r
                    ? r.forward(out, own, training, (il, a) -> inner.accept(il.named(path + "." + il.name()), a))
                    : l.forward(out, own, training);
            inner.accept(l.named(path), out);
        }
        return out;
    }
}
