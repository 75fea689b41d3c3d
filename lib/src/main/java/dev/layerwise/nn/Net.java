package dev.layerwise.nn;

import dev.layerwise.display.Displayable;
import dev.layerwise.display.MimeBundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A feed-forward network, built one layer at a time so that the code reads like the network:
 * <pre>{@code
 * var net = Net.input(784).dense(30).sigmoid().dense(10).init(Init.normal(0, 1));
 * }</pre>
 * A {@code Net} is an immutable specification: every method returns a new net, and weights are
 * created by the {@code Learner} that trains it. Each layer gets a stable name ({@code dense_1},
 * {@code sigmoid_2}, …) that parameters, statistics and charts use; {@link #named(String)} renames
 * the last layer. Shapes are checked as layers are added, so a wrong shape fails here, naming the
 * layer, rather than deep inside training.
 */
public final class Net implements Displayable {
    private final long[] inputShape;
    private final List<Layer> layers;
    private final List<long[]> outputShapes;
    private final Init weightInit;
    private final Init biasInit;

    private Net(long[] inputShape, List<Layer> layers, List<long[]> outputShapes, Init weightInit, Init biasInit) {
        this.inputShape = inputShape;
        this.layers = layers;
        this.outputShapes = outputShapes;
        this.weightInit = weightInit;
        this.biasInit = biasInit;
    }

    /**
     * Starts a net taking examples of the given shape: {@code input(784)} for flat vectors,
     * {@code input(1, 28, 28)} for one-channel images.
     *
     * @param shape the per-example input shape, without the batch axis
     * @return an empty net
     */
    public static Net input(long... shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Net.input(): give the shape of one example, e.g. Net.input(784)"
                    + " or Net.input(1, 28, 28).");
        }
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Net.input" + Shapes.format(shape).replace('[', '(').replace(']', ')')
                        + ": every dimension must be at least 1.");
            }
        }
        return new Net(shape.clone(), List.of(), List.of(), Init.xavier(), Init.zeros());
    }

    /**
     * Appends any layer; a layer without a name gets the next automatic one for its kind.
     *
     * @param layer the layer
     * @return the longer net
     */
    public Net add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("add(null): expected a layer, e.g. add(new Dense(null, 30, null, null));"
                    + " the builder methods such as dense(30) do this for you. Layers now: " + layerNames() + ".");
        }
        String name = layer.name() == null ? nextName(layer.kind()) : layer.name();
        requireUnusedName(name);
        Layer named = layer.named(name);
        long[] out = named.outputShape(outputShape());
        List<Layer> newLayers = new ArrayList<>(layers);
        newLayers.add(named);
        List<long[]> newShapes = new ArrayList<>(outputShapes);
        newShapes.add(out);
        return new Net(inputShape, Collections.unmodifiableList(newLayers),
                Collections.unmodifiableList(newShapes), weightInit, biasInit);
    }

    private String nextName(String kind) {
        String prefix = kind.toLowerCase(Locale.ROOT) + "_";
        int n = 1;
        while (hasLayer(prefix + n)) {
            n++;
        }
        return prefix + n;
    }

    private void requireUnusedName(String name) {
        if (name.isBlank() || hasLayer(name)) {
            throw new IllegalArgumentException("Layer name '" + name + "' is "
                    + (name.isBlank() ? "blank" : "already used") + "; names in a net must be unique and non-empty."
                    + " Layers now: " + layerNames() + ".");
        }
    }

    private boolean hasLayer(String name) {
        return layers.stream().anyMatch(l -> l.name().equals(name));
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
     * Appends max pooling with non-overlapping windows.
     *
     * @param size window side
     * @return the longer net
     */
    public Net maxPool(int size) {
        return maxPool(size, size);
    }

    /**
     * Appends max pooling.
     *
     * @param size window side
     * @param stride step between windows
     * @return the longer net
     */
    public Net maxPool(int size, int stride) {
        return add(new MaxPool(null, size, stride));
    }

    /**
     * Appends average pooling with non-overlapping windows.
     *
     * @param size window side
     * @return the longer net
     */
    public Net avgPool(int size) {
        return avgPool(size, size);
    }

    /**
     * Appends average pooling.
     *
     * @param size window side
     * @param stride step between windows
     * @return the longer net
     */
    public Net avgPool(int size, int stride) {
        return add(new AvgPool(null, size, stride));
    }

    /** @return the net with each example flattened to a vector */
    public Net flatten() {
        return add(new Flatten(null));
    }

    /**
     * Appends dropout.
     *
     * @param rate the probability of dropping each value while training, in [0, 1)
     * @return the longer net
     */
    public Net dropout(double rate) {
        return add(new Dropout(null, rate));
    }

    /** @return the net with batch normalization appended (momentum 0.1, epsilon 1e-5) */
    public Net batchNorm() {
        return add(new BatchNorm(null, 0.1, 1e-5));
    }

    /** @return the net with a sigmoid appended */
    public Net sigmoid() {
        return activation(Activation.Function.SIGMOID, 0);
    }

    /** @return the net with a tanh appended */
    public Net tanh() {
        return activation(Activation.Function.TANH, 0);
    }

    /** @return the net with a ReLU appended */
    public Net relu() {
        return activation(Activation.Function.RELU, 0);
    }

    /** @return the net with a leaky ReLU of slope 0.01 appended */
    public Net leakyRelu() {
        return leakyRelu(0.01);
    }

    /**
     * Appends a leaky ReLU.
     *
     * @param slope the slope for negative inputs
     * @return the longer net
     */
    public Net leakyRelu(double slope) {
        return activation(Activation.Function.LEAKY_RELU, slope);
    }

    /** @return the net with an ELU of α = 1 appended */
    public Net elu() {
        return elu(1.0);
    }

    /**
     * Appends an ELU.
     *
     * @param alpha the scale of the negative part
     * @return the longer net
     */
    public Net elu(double alpha) {
        return activation(Activation.Function.ELU, alpha);
    }

    /** @return the net with a GELU appended */
    public Net gelu() {
        return activation(Activation.Function.GELU, 0);
    }

    /** @return the net with a softplus appended */
    public Net softplus() {
        return activation(Activation.Function.SOFTPLUS, 0);
    }

    private Net activation(Activation.Function f, double alpha) {
        return add(new Activation(null, f, alpha));
    }

    /**
     * Renames the last layer; parameters, statistics and charts then use this name.
     *
     * @param name a name not used by another layer
     * @return the renamed net
     */
    public Net named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("named(null): expected a name such as \"hidden\"; names in a net must"
                    + " be unique and non-empty. Layers now: " + layerNames() + ".");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("named(\"" + name + "\"): the net has no layer yet; add one first,"
                    + " e.g. Net.input(784).dense(30).named(\"" + name + "\").");
        }
        Layer last = layers.get(layers.size() - 1);
        if (last.name().equals(name)) {
            return this;
        }
        requireUnusedName(name);
        return replace(layers.size() - 1, last.named(name));
    }

    /**
     * Sets the weight initializer of every layer that has no initializer of its own.
     *
     * @param weights e.g. {@code Init.normal(0, 1)}, {@code Init.he()}
     * @return the changed net
     */
    public Net init(Init weights) {
        return new Net(inputShape, layers, outputShapes, require(weights), biasInit);
    }

    /**
     * Sets the bias initializer of every layer that has no initializer of its own.
     *
     * @param biases e.g. {@code Init.zeros()} (the default) or {@code Init.normal(0, 1)}
     * @return the changed net
     */
    public Net biasInit(Init biases) {
        return new Net(inputShape, layers, outputShapes, weightInit, require(biases));
    }

    /**
     * Gives one layer its own weight initializer.
     *
     * @param layer the layer's name
     * @param weights the initializer
     * @return the changed net
     */
    public Net init(String layer, Init weights) {
        return withLayerInit(layer, require(weights), true);
    }

    /**
     * Gives one layer its own bias initializer.
     *
     * @param layer the layer's name
     * @param biases the initializer
     * @return the changed net
     */
    public Net biasInit(String layer, Init biases) {
        return withLayerInit(layer, require(biases), false);
    }

    private static Init require(Init init) {
        if (init == null) {
            throw new IllegalArgumentException("init: expected an initializer such as Init.xavier(), got null.");
        }
        return init;
    }

    private Net withLayerInit(String name, Init init, boolean weights) {
        int i = indexOf(name);
        Layer l = layers.get(i);
        Layer changed;
        if (l instanceof Dense) {
            Dense d = (Dense) l;
            changed = weights ? d.withInit(init, d.biasInit()) : d.withInit(d.weightInit(), init);
        } else if (l instanceof Conv2d) {
            Conv2d c = (Conv2d) l;
            changed = weights ? c.withInit(init, c.biasInit()) : c.withInit(c.weightInit(), init);
        } else {
            throw new IllegalArgumentException("init(\"" + name + "\", …): " + name + " is a " + l.kind()
                    + " layer and has no weights to initialize; layers with weights: " + weightLayerNames() + ".");
        }
        return replace(i, changed);
    }

    private Net replace(int index, Layer layer) {
        List<Layer> newLayers = new ArrayList<>(layers);
        newLayers.set(index, layer);
        return new Net(inputShape, Collections.unmodifiableList(newLayers), outputShapes, weightInit, biasInit);
    }

    private int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No layer named '" + name + "'. Layers: " + layerNames() + ".");
    }

    /**
     * One layer by name.
     *
     * @param name the layer's name
     * @return the layer
     */
    public Layer layer(String name) {
        return layers.get(indexOf(name));
    }

    /** @return the layers, in order */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the layer names, in order */
    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    private void requireIndex(String method, int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException(method + "(" + index + "): the net has " + layers.size() + " layer"
                    + (layers.size() == 1 ? "" : "s") + ", so positions run from 0 to " + (layers.size() - 1)
                    + ". Layers: " + layerNames() + ".");
        }
    }

    private List<String> weightLayerNames() {
        return layers.stream().filter(l -> l instanceof Dense || l instanceof Conv2d).map(Layer::name).toList();
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
        requireIndex("inputShapeOf", index);
        return index == 0 ? inputShape.clone() : outputShapes.get(index - 1).clone();
    }

    /**
     * The output shape of a layer.
     *
     * @param index the layer's position
     * @return its per-example output shape
     */
    public long[] outputShapeOf(int index) {
        requireIndex("outputShapeOf", index);
        return outputShapes.get(index).clone();
    }

    /**
     * The parameters and buffers of one layer, under full names and with their initializers resolved.
     *
     * @param index the layer's position
     * @return its arrays
     */
    public List<ParamSpec> parametersOf(int index) {
        requireIndex("parametersOf", index);
        Layer l = layers.get(index);
        return l.params(inputShapeOf(index)).stream().map(p -> p.qualified(l.name()).withInit(initFor(p))).toList();
    }

    /** @return every parameter and buffer, in layer order, with full names and resolved initializers */
    public List<ParamSpec> parameters() {
        List<ParamSpec> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            all.addAll(parametersOf(i));
        }
        return all;
    }

    private Init initFor(ParamSpec p) {
        if (p.init() != null) {
            return p.init();
        }
        switch (p.role()) {
            case WEIGHT:
                return weightInit;
            case BIAS:
                return biasInit;
            case GAMMA:
            case RUNNING_VAR:
                return Init.ones();
            default:
                return Init.zeros();
        }
    }

    /** @return the net's default weight initializer */
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

    @Override
    public MimeBundle toMimeBundle() {
        return summary().toMimeBundle();
    }

    @Override
    public String toString() {
        return summary().toString();
    }
}
