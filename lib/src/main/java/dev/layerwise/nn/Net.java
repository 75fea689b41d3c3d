package dev.layerwise.nn;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A feed-forward network, built one layer at a time so that the code reads like the network:
 * <pre>{@code
 * var net = Net.input(784).dense(30).sigmoid().dense(10).init(Init.normal(0, 1));
 * }</pre>
 * A {@code Net} is an immutable specification: every method returns a new net, and weights are
 * created by the {@code Learner} that trains it. Each layer gets a stable name ({@code dense_1},
 * {@code sigmoid_2}, …) that parameters, statistics and charts use; {@link #named(String)} renames
 * the last layer. Shapes are checked as layers are added, so a wrong shape fails here, naming the
 * layer, rather than deep inside training. Residual blocks ({@link #residual}, {@link #resBlock})
 * hold layers of their own, named under the block: {@code res_2.conv2d_1.weight}.
 */
public final class Net extends NetBuilder implements Displayable {
    private final long[] inputShape;
    private final List<Layer> layers;
    private final List<long[]> outputShapes;
    /** Null in a block's body or shortcut until set there: the enclosing net's default then applies. */
    private final Init weightInit;
    private final Init biasInit;
    private final boolean block;

    private Net(long[] inputShape, List<Layer> layers, List<long[]> outputShapes, Init weightInit, Init biasInit,
            boolean block) {
        this.inputShape = inputShape;
        this.layers = layers;
        this.outputShapes = outputShapes;
        this.weightInit = weightInit;
        this.biasInit = biasInit;
        this.block = block;
    }

    /**
     * Starts a net taking examples of the given shape: {@code input(784)} for flat vectors,
     * {@code input(1, 28, 28)} for one-channel images.
     *
     * @param shape the per-example input shape, without the batch axis
     * @return an empty net
     */
    public static Net input(long... shape) {
        return new Net(NetChecks.inputShape(shape), List.of(), List.of(), Init.xavier(), Init.zeros(), false);
    }

    /** The empty builder a block's body or shortcut starts from. */
    static Net block(long[] shape) {
        return new Net(shape.clone(), List.of(), List.of(), null, null, true);
    }

    /** @return whether this net is a block's body or shortcut rather than a whole net */
    boolean isBlock() {
        return block;
    }

    @Override
    public Net add(Layer layer) {
        NetChecks.layer(this, layer);
        String name = layer.name() == null ? LayerPaths.next(this, layer.namePrefix()) : layer.name();
        LayerPaths.requireUsable(this, name);
        Layer named = layer.named(name);
        long[] out = named.outputShape(outputShape());
        List<Layer> newLayers = new ArrayList<>(layers);
        newLayers.add(named);
        List<long[]> newShapes = new ArrayList<>(outputShapes);
        newShapes.add(out);
        return new Net(inputShape, Collections.unmodifiableList(newLayers),
                Collections.unmodifiableList(newShapes), weightInit, biasInit, block);
    }

    /**
     * Appends a fully connected layer.
     *
     * @param units its output units
     * @return the longer net
     */
    public Net dense(int units) {
        return add(new Dense(null, units, null, null));
    }

    /**
     * Appends a fully connected layer with its own weight initializer.
     *
     * @param units its output units
     * @param weights the initializer for its weights
     * @return the longer net
     */
    public Net dense(int units, Init weights) {
        return add(new Dense(null, units, weights, null));
    }

    /**
     * Appends a 2-D convolution with stride 1 and no padding.
     *
     * @param filters output channels
     * @param kernel kernel side
     * @return the longer net
     */
    public Net conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /**
     * Appends a 2-D convolution.
     *
     * @param filters output channels
     * @param kernel kernel side
     * @param stride step between windows
     * @param padding zeros added on each side ({@code kernel / 2} keeps the size for odd kernels)
     * @return the longer net
     */
    public Net conv2d(int filters, int kernel, int stride, int padding) {
        return add(new Conv2d(null, filters, kernel, stride, padding, null, null));
    }

    /**
     * Appends a residual block with an identity shortcut: its output is {@code body(x) + x}
     * (He et al. 2016). The body is built with the same methods as the main line, from a builder
     * that starts at the block's input, and must keep the input's shape (else use
     * {@link #residual(UnaryOperator, Shortcut)} with a projection). ResNet's order, with the ReLU
     * after the sum as the next layer:
     * <pre>{@code
     * net.residual(b -> b.conv2d(16, 3, 1, 1).batchNorm().relu().conv2d(16, 3, 1, 1).batchNorm()).relu()
     * }</pre>
     * The block is named like a layer ({@code res_1}); its layers are counted within it and named
     * under it: {@code res_1.conv2d_1}, whose weights are {@code res_1.conv2d_1.weight}.
     *
     * @param body adds the body's layers to the builder it is given
     * @return the longer net
     */
    public Net residual(UnaryOperator<Net> body) {
        return residual(body, Shortcut.identity());
    }

    /**
     * Appends a residual block: its output is {@code body(x) + shortcut(x)}, e.g. with
     * {@code Shortcut.projection()} for a body that changes the shape. The two shapes are checked
     * here.
     *
     * @param body adds the body's layers to the builder it is given
     * @param shortcut {@link Shortcut#identity()}, {@link Shortcut#projection()} or {@link Shortcut#of}
     * @return the longer net
     */
    public Net residual(UnaryOperator<Net> body, Shortcut shortcut) {
        return add(Residual.of(LayerPaths.next(this, "res"), outputShape(), body, shortcut));
    }

    /**
     * Appends ResNet's basic block followed by a ReLU: conv 3×3 – batch norm – ReLU – conv 3×3 –
     * batch norm, plus the input (dense layers in place of convolutions on vectors).
     *
     * @param width the block's filters (or units)
     * @return the longer net
     */
    public Net resBlock(int width) {
        return resBlock(width, 1);
    }

    /**
     * Appends ResNet's basic block followed by a ReLU, with a stride on the first convolution; when
     * the stride or the width changes the shape, the shortcut is a 1×1 conv with that stride and
     * batch norm (as in torchvision), otherwise the identity. {@code resBlock(32, 2)} halves the
     * image and gives it 32 channels.
     *
     * @param width the block's filters (or units)
     * @param stride the first convolution's stride
     * @return the longer net
     */
    public Net resBlock(int width, int stride) {
        return add(Residual.basic(LayerPaths.next(this, "res"), outputShape(), width, stride)).relu();
    }

    /**
     * Renames the last layer; parameters, statistics and charts then use this name.
     *
     * @param name a name not used by another layer
     * @return the renamed net
     */
    public Net named(String name) {
        NetChecks.rename(this, name);
        Layer last = layers.get(layers.size() - 1);
        if (last.name().equals(name)) {
            return this;
        }
        LayerPaths.requireUsable(this, name);
        return replace(layers.size() - 1, last.named(name));
    }

    /**
     * Sets the weight initializer of every layer that has no initializer of its own.
     *
     * @param weights e.g. {@code Init.normal(0, 1)}, {@code Init.he()}
     * @return the changed net
     */
    public Net init(Init weights) {
        return new Net(inputShape, layers, outputShapes, LayerInits.require(weights), biasInit, block);
    }

    /**
     * Sets the bias initializer of every layer that has no initializer of its own.
     *
     * @param biases e.g. {@code Init.zeros()} (the default) or {@code Init.normal(0, 1)}
     * @return the changed net
     */
    public Net biasInit(Init biases) {
        return new Net(inputShape, layers, outputShapes, weightInit, LayerInits.require(biases), block);
    }

    /**
     * Gives one layer its own weight initializer.
     *
     * @param layer the layer's name, or its path inside a block, e.g. {@code res_1.conv2d_1}
     * @param weights the initializer
     * @return the changed net
     */
    public Net init(String layer, Init weights) {
        return LayerInits.withLayerInit(this, layer, LayerInits.require(weights), true);
    }

    /**
     * Gives one layer its own bias initializer.
     *
     * @param layer the layer's name, or its path inside a block
     * @param biases the initializer
     * @return the changed net
     */
    public Net biasInit(String layer, Init biases) {
        return LayerInits.withLayerInit(this, layer, LayerInits.require(biases), false);
    }

    /** This net with the layer at one position replaced by one of the same shapes. */
    Net replace(int index, Layer layer) {
        List<Layer> newLayers = new ArrayList<>(layers);
        newLayers.set(index, layer);
        return new Net(inputShape, Collections.unmodifiableList(newLayers), outputShapes, weightInit, biasInit, block);
    }

    /**
     * One layer by name, or by its path inside a block ({@code res_2.conv2d_1}).
     *
     * @param name the layer's name or path
     * @return the layer
     */
    public Layer layer(String name) {
        return LayerPaths.require(this, name);
    }

    /** @return the layers, in order */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the layer names, in order; a block is one layer here */
    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    /**
     * Every layer's name, each block followed by the paths of the layers inside it, e.g.
     * {@code [conv2d_1, res_1, res_1.conv2d_1, …, res_1.shortcut.conv2d_1, relu_1]}; the names that
     * layer rates, freezing and statistics accept.
     *
     * @return the names and paths, in order
     */
    public List<String> allLayerNames() {
        return LayerPaths.all(this);
    }

    /** @return the per-example input shape */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** @return the per-example output shape of the last layer (the input shape for an empty net) */
    public long[] outputShape() {
        return outputShapes.isEmpty() ? inputShape.clone() : outputShapes.get(outputShapes.size() - 1).clone();
    }

    /**
     * The input shape of a layer.
     *
     * @param index the layer's position
     * @return its per-example input shape
     */
    public long[] inputShapeOf(int index) {
        NetChecks.index(this, "inputShapeOf", index);
        return index == 0 ? inputShape.clone() : outputShapes.get(index - 1).clone();
    }

    /**
     * The output shape of a layer.
     *
     * @param index the layer's position
     * @return its per-example output shape
     */
    public long[] outputShapeOf(int index) {
        NetChecks.index(this, "outputShapeOf", index);
        return outputShapes.get(index).clone();
    }

    /**
     * The parameters and buffers of one layer, under full names and with their initializers resolved.
     *
     * @param index the layer's position
     * @return its arrays
     */
    public List<ParamSpec> parametersOf(int index) {
        NetChecks.index(this, "parametersOf", index);
        Layer l = layers.get(index);
        return l.params(inputShapeOf(index)).stream().map(p -> p.qualified(l.name())
                .withInit(LayerInits.resolve(p, weightInit, biasInit))).toList();
    }

    /** @return every parameter and buffer, in layer order, with full names and resolved initializers */
    public List<ParamSpec> parameters() {
        List<ParamSpec> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            all.addAll(parametersOf(i));
        }
        return all;
    }

    /** @return the net's default weight initializer (null in a block, whose layers use the net's) */
    public Init weightInit() {
        return weightInit;
    }

    /** @return the net's default bias initializer */
    public Init biasInit() {
        return biasInit;
    }

    /**
     * Writes this specification as readable JSON (no weights; {@code learner.save} keeps those).
     *
     * @param file where to write, e.g. {@code Path.of("sigmoid-net.json")}
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path save(Path file) throws IOException {
        return NetJson.save(this, file);
    }

    /**
     * Reads a specification written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the net
     * @throws IOException when it cannot be read
     */
    public static Net load(Path file) throws IOException {
        return NetJson.load(file);
    }

    /** @return the number of trainable values */
    public long paramCount() {
        return parameters().stream().filter(p -> p.role().trainable()).mapToLong(ParamSpec::size).sum();
    }

    /** @return the Keras-style summary: layer, output shape, parameters, trainable, initializer */
    public NetSummary summary() {
        return new NetSummary(this);
    }

    /** Nets are equal when they take the same input and have the same layers and defaults. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Net n && Arrays.equals(inputShape, n.inputShape) && layers.equals(n.layers)
                && Objects.equals(weightInit, n.weightInit) && Objects.equals(biasInit, n.biasInit) && block == n.block;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(inputShape), layers, weightInit, biasInit, block);
    }

    @Override
    public MimeBundle toMimeBundle() {
        return summary().toMimeBundle();
    }

    @Override
    public String toString() {
        return summary().toString();
    }
}
